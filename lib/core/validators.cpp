#include "validators.h"

#include <cctype>
#include <fstream>
#include <stdexcept>

#include "text.h"

namespace ts::valid {
namespace {
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
}  // namespace

std::string record_id(const std::string& in, std::string& out) {
  if (in.size() > 9 || in.find_first_not_of("0123456789") != std::string::npos) return "Choix non valide.";
  out = std::to_string(std::stoul(in));
  return "";
}

unsigned record_id_of(const std::string& normalised) {
  std::string ignored;
  if (normalised.empty() || !record_id(normalised, ignored).empty()) return 0;
  return static_cast<unsigned>(std::stoul(normalised));
}

std::string email_key(const std::string& address) { return ascii_lower(address); }

std::string password_rule(const std::string& in, std::string& out) {
  static const std::string msg =
      "Le mot de passe doit compter 8 à 14 caractères alphanumériques (chiffres et lettres obligatoires).";
  if (in.size() < 8 || in.size() > 14) return msg;
  bool letter = false, digit = false;
  for (char c : in) {
    if (is_alpha(c)) letter = true;
    else if (is_digit(c)) digit = true;
    else return msg;
  }
  if (!letter || !digit) return msg;
  out = in;
  return "";
}

std::string email(const std::string& in, std::string& out) {
  static const std::string msg = "L'adresse mail n'est pas valide (exemple : prenom.nom@exemple.fr).";
  if (in.size() > 254) return msg;
  auto at = in.rfind('@');
  if (at == std::string::npos || at == 0 || at > 64) return msg;
  std::string local = in.substr(0, at), domain = in.substr(at + 1);
  static const std::string local_ok = "!#$%&'*+/=?^_`{|}~-.";
  if (local.front() == '.' || local.back() == '.' || local.find("..") != std::string::npos) return msg;
  for (char c : local)
    if (!is_alpha(c) && !is_digit(c) && local_ok.find(c) == std::string::npos) return msg;
  if (domain.size() < 4 || domain.find('.') == std::string::npos) return msg;
  size_t start = 0;
  std::string tld;
  while (start <= domain.size()) {
    size_t dot = domain.find('.', start);
    std::string label = domain.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') return msg;
    // "--" in 3rd and 4th position is reserved for IDNA ("xn--", RFC 5891
    // 4.2.3.1): GMime turns such a domain into UTF-8 in the To header
    // (found by tests/fuzz/fuzz_mime, corpus/mime/reserved-hyphens-domain).
    if (label.size() >= 4 && label[2] == '-' && label[3] == '-' && ascii_lower(label.substr(0, 2)) != "xn") return msg;
    for (char c : label)
      if (!is_alpha(c) && !is_digit(c) && c != '-') return msg;
    tld = label;
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  if (tld.size() < 2) return msg;
  for (char c : tld)
    if (!is_alpha(c)) return msg;
  out = local + "@" + ascii_lower(domain);
  return "";
}

std::string birth_date(const std::string& in, std::string& out) {
  static const std::string msg = "La date de naissance doit être une date valide, au format JJ/MM/AAAA.";
  int y = 0, m = 0, d = 0;
  auto digits = [&](size_t pos, size_t n, int& v) {
    if (pos + n > in.size()) return false;
    v = 0;
    for (size_t i = pos; i < pos + n; ++i) {
      if (!is_digit(in[i])) return false;
      v = v * 10 + (in[i] - '0');
    }
    return true;
  };
  if (in.size() == 10 && in[2] == '/' && in[5] == '/') {
    if (!digits(0, 2, d) || !digits(3, 2, m) || !digits(6, 4, y)) return msg;
  } else if (in.size() == 10 && in[4] == '-' && in[7] == '-') {
    if (!digits(0, 4, y) || !digits(5, 2, m) || !digits(8, 2, d)) return msg;
  } else {
    return msg;
  }
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1) return msg;
  static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  int max = days[m - 1] + (m == 2 && leap ? 1 : 0);
  if (d > max) return msg;
  char buf[11];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  out = buf;
  return "";
}

std::string identifier(const std::string& in, std::string& out) {
  static const std::string msg = "L'identifiant n'est pas valide : il figure sur votre courrier de notification.";
  if (in.empty() || in.size() > 40) return msg;
  for (char c : in)
    if (!is_alpha(c) && !is_digit(c) && c != '.' && c != '-' && c != '_') return msg;
  out = ascii_lower(in);
  return "";
}

std::string token(const std::string& in, std::string& out) {
  static const std::string msg = "Ce code n'est pas valide.";
  if (in.size() < 22 || in.size() > 64) return msg;
  for (char c : in)
    if (!is_alpha(c) && !is_digit(c) && c != '-' && c != '_') return msg;
  out = in;
  return "";
}

std::string phone(const std::string& in, std::string& out) {
  // Separators (space, no-break spaces U+00A0 and U+202F, '.', '-') become
  // one space between two groups of digits, none at either end.
  std::string kept;
  bool separator = false;
  for (size_t i = 0; i < in.size(); ++i) {
    unsigned char ch = in[i];
    if (is_digit(static_cast<char>(ch)) || (ch == '+' && kept.empty())) {
      if (separator && !kept.empty()) kept += ' ';
      separator = false;
      kept += static_cast<char>(ch);
    } else if (ch == ' ' || ch == '.' || ch == '-') {
      separator = true;
    } else if (ch == 0xC2 && i + 1 < in.size() && static_cast<unsigned char>(in[i + 1]) == 0xA0) {
      separator = true;
      ++i;
    } else if (ch == 0xE2 && i + 2 < in.size() && static_cast<unsigned char>(in[i + 1]) == 0x80 &&
               static_cast<unsigned char>(in[i + 2]) == 0xAF) {
      separator = true;
      i += 2;
    } else {
      return "Un numéro de téléphone ne contient que des chiffres, séparés ou non par des espaces, des points ou des "
             "tirets, et le signe + au début.";
    }
  }
  size_t digits = 0;
  for (char ch : kept) digits += is_digit(ch) ? 1 : 0;
  if (digits < 10 || kept.size() > 20) return "Saisissez un numéro de 10 à 20 caractères (chiffres, espaces, +).";
  out = kept;
  return "";
}

void CommonPasswords::load(const std::string& path) {
  std::ifstream f(path);
  if (!f) throw std::runtime_error("cannot read common passwords list " + path);
  std::string line;
  while (std::getline(f, line)) {
    auto b = line.find_first_not_of(" \t\r");
    if (b == std::string::npos || line[b] == '#') continue;
    auto e = line.find_last_not_of(" \t\r");
    words_.insert(ascii_lower(line.substr(b, e - b + 1)));
  }
}

bool CommonPasswords::contains(const std::string& password) const { return words_.count(ascii_lower(password)) > 0; }

}  // namespace ts::valid
