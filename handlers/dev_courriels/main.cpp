// Development only (site.dev_mail_page = true, never in production): GET
// /dev/courriels lists the mails delivered to the local maildir, so a person
// trying the demo can open the activation link.
#include <fcntl.h>
#include <gmime/gmime.h>

#include <algorithm>
#include <filesystem>

#include "web/render.h"
#include "web/routes.h"
#include "web/views.h"

namespace ts::dev_courriels {
namespace {
using namespace ts::web;

struct Mail {
  std::string file, to, subject, date, body;
  std::filesystem::file_time_type mtime;
};

std::string take(char* s) {
  std::string out = s ? s : "";
  g_free(s);
  return out;
}

bool read_mail(const std::filesystem::path& path, Mail& m) {
  GMimeStream* stream = g_mime_stream_fs_open(path.c_str(), O_RDONLY, 0, nullptr);
  if (!stream) return false;
  GMimeParser* parser = g_mime_parser_new_with_stream(stream);
  GMimeMessage* msg = g_mime_parser_construct_message(parser, nullptr);
  g_object_unref(parser);
  g_object_unref(stream);
  if (!msg) return false;
  m.file = path.filename().string();
  const char* subject = g_mime_message_get_subject(msg);
  m.subject = subject ? subject : "";
  m.to = take(internet_address_list_to_string(g_mime_message_get_to(msg), nullptr, FALSE));
  const char* date = g_mime_object_get_header(GMIME_OBJECT(msg), "Date");
  m.date = date ? date : "";
  GMimeObject* body = g_mime_message_get_body(msg);
  if (body && GMIME_IS_TEXT_PART(body)) m.body = take(g_mime_text_part_get_text(GMIME_TEXT_PART(body)));
  g_object_unref(msg);
  return true;
}

// The links of a plain-text body, shown as clickable links.
std::vector<std::string> links_in(const std::string& body) {
  std::vector<std::string> out;
  for (size_t pos = 0; (pos = body.find("http", pos)) != std::string::npos;) {
    size_t end = body.find_first_of(" \r\n\t<>\"", pos);
    std::string url = body.substr(pos, end == std::string::npos ? std::string::npos : end - pos);
    if (url.rfind("http://", 0) == 0 || url.rfind("https://", 0) == 0) out.push_back(url);
    pos += !url.empty() ? url.size() : 4;
  }
  return out;
}

Response page(Call& c) {
  if (!c.ctx.cfg.dev_mail_page) return not_found(c);
  static const bool gmime_ready = (g_mime_init(), true);  // once per process
  (void)gmime_ready;
  std::vector<Mail> mails;
  for (const char* sub : {"new", "cur"}) {
    std::filesystem::path dir = std::filesystem::path(c.ctx.cfg.maildir) / sub;
    std::error_code ec;
    for (const auto& e : std::filesystem::directory_iterator(dir, ec)) {
      Mail m;
      if (e.is_regular_file() && read_mail(e.path(), m)) {
        m.mtime = e.last_write_time();
        mails.push_back(std::move(m));
      }
    }
  }
  std::sort(mails.begin(), mails.end(), [](const Mail& a, const Mail& b) { return a.mtime > b.mtime; });
  Page p{200, "Courriels reçus (développement)", "dev_courriels/dev_courriels.tpl"};
  return render(c, p, [&](ctemplate::TemplateDictionary& d) {
    if (mails.empty()) d.ShowSection("EMPTY");
    for (const auto& m : mails) {
      auto* row = d.AddSectionDictionary("MAIL");
      row->SetValue("TO", m.to);
      row->SetValue("SUBJECT", m.subject);
      row->SetValue("DATE", m.date);
      row->SetValue("BODY", m.body);
      for (const auto& l : links_in(m.body)) row->AddSectionDictionary("LINK")->SetValue("URL", l);
    }
  });
}

const Routes kRoutes = {
    get("/dev/courriels", Gate::anyone, page).method_message("Cette page ne reçoit pas de formulaire."),
};

}  // namespace
}  // namespace ts::dev_courriels

TS_FLOW_MAIN("dev_courriels", ts::dev_courriels::kRoutes)
