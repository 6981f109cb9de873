#include "form.h"

#include <algorithm>

#include "core/text.h"
#include "core/validators.h"

namespace ts::web {

Form::Form(const Request& req, const std::vector<FieldSpec>& fields) {
  const bool query = req.method != "POST";
  std::map<std::string, const FieldSpec*> spec;
  for (const auto& f : fields) {
    spec[f.name] = &f;
    declared_.emplace_back(f.name);
  }
  for (const auto& [name, v] : req.params) {
    if (name == kCsrfField && !query) continue;  // checked (once) by the route dispatcher
    auto it = spec.find(name);
    if (it == spec.end()) {
      // What newsletters, social networks and mail gateways add to links
      // (utm_*, fbclid…) must not break a page: a GET ignores it.
      if (query) continue;
      throw HttpError(400, "Le formulaire contient un champ inattendu.");
    }
    if (raw_.count(name)) throw HttpError(400, "Le formulaire contient un champ en double.");
    if (v.size() > abuse_limit(it->second->max_len)) throw HttpError(400, "Une valeur du formulaire est trop longue.");
    raw_[name] = clean_input(v);
  }
  for (const auto& f : fields) {
    const std::string& in = raw_[f.name];
    std::string out = in;
    if (utf8_length(in) > f.max_len) {
      fail(f.name, "Cette valeur est trop longue : " + std::to_string(f.max_len) + " caractères au plus.");
    } else if (has_bidi_controls(in)) {
      fail(f.name, "Cette valeur contient des caractères invisibles qui inversent le sens de lecture : retirez-les.");
    } else if (!in.empty() && f.validate) {
      std::string err = f.validate(in, out);
      if (!err.empty()) fail(f.name, err);
    }
    value_[f.name] = out;
  }
}

const std::string& Form::raw(const std::string& name) const {
  static const std::string empty;
  auto it = raw_.find(name);
  return it == raw_.end() ? empty : it->second;
}

const std::string& Form::value(const std::string& name) const {
  static const std::string empty;
  auto it = value_.find(name);
  return it == value_.end() ? empty : it->second;
}

bool Form::fail(const std::string& name, const std::string& message) {
  if (std::find(declared_.begin(), declared_.end(), name) == declared_.end()) declared_.push_back(name);
  if (errors_.emplace(name, message).second) order_.push_back(name);
  return false;
}

std::vector<std::pair<std::string, std::string>> Form::errors() const {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& d : declared_)
    if (auto it = errors_.find(d); it != errors_.end()) out.emplace_back(d, it->second);
  return out;
}

unsigned Form::record_id(const std::string& name) const {
  return has_error(name) ? 0 : valid::record_id_of(value(name));
}

}  // namespace ts::web
