#include "form.h"

#include <algorithm>

namespace ts::web {

Form::Form(const Request& req, const std::vector<FieldSpec>& fields) {
  std::map<std::string, const FieldSpec*> spec;
  for (const auto& f : fields) {
    spec[f.name] = &f;
    declared_.emplace_back(f.name);
  }
  for (const auto& [name, v] : req.params) {
    if (name == kCsrfField && req.method == "POST") continue;  // checked (once) by the route dispatcher
    auto it = spec.find(name);
    if (it == spec.end()) throw HttpError(400, "Le formulaire contient un champ inattendu.");
    if (raw_.count(name)) throw HttpError(400, "Le formulaire contient un champ en double.");
    if (v.size() > it->second->max_len) throw HttpError(400, "Une valeur du formulaire est trop longue.");
    raw_[name] = v;
  }
  for (const auto& f : fields) {
    std::string in = raw_[f.name];
    // Leading and trailing spaces are typing accidents, except in passwords,
    // which are checked and compared as typed (their validator sees them).
    std::string name = f.name;
    if (name.find("password") == std::string::npos && name.find("mot_de_passe") == std::string::npos) {
      auto b = in.find_first_not_of(" \t\r\n");
      auto e = in.find_last_not_of(" \t\r\n");
      in = b == std::string::npos ? "" : in.substr(b, e - b + 1);
    }
    std::string out = in;
    if (!in.empty() && f.validate) {
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

}  // namespace ts::web
