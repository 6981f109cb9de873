// lib/web/form.h: the declared-field table every handler starts with.
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include <string>
#include <utility>
#include <vector>

#include "web/form.h"
#include "core/validators.h"

namespace valid = ts::valid;

namespace {

ts::web::Request with_params(std::vector<std::pair<std::string, std::string>> params) {
  ts::web::Request r;
  r.method = "POST";
  r.params = std::move(params);
  return r;
}

// The first-connection form, as a handler would declare it.
ts::web::Form first_connection(const ts::web::Request& r) {
  return ts::web::Form(r, {{"identifiant", 40, valid::identifier},
                      {"date_naissance", 10, valid::birth_date},
                      {"email", 254, valid::email},
                      {"mot_de_passe", 14, valid::password_rule},
                      {"csrf", 64, nullptr}});
}

bool is_400(const ts::web::HttpError& e) { return e.status == 400; }

std::string message_of(ts::web::Validator v, const std::string& in) {
  std::string out;
  return v(in, out);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(form)

BOOST_AUTO_TEST_CASE(valid_form_gives_normalised_values) {
  ts::web::Request r = with_params({{"identifiant", "JDupont"},
                               {"date_naissance", "29/02/2012"},
                               {"email", "Prenom.Nom@Exemple.FR"},
                               {"mot_de_passe", "abcd1234"},
                               {"csrf", "tok"}});
  ts::web::Form f = first_connection(r);
  BOOST_TEST(f.ok());
  BOOST_TEST(f.errors().empty());
  BOOST_TEST(f.value("identifiant") == "jdupont");
  BOOST_TEST(f.raw("identifiant") == "JDupont");
  BOOST_TEST(f.value("date_naissance") == "2012-02-29");
  BOOST_TEST(f.raw("date_naissance") == "29/02/2012");
  BOOST_TEST(f.value("email") == "Prenom.Nom@exemple.fr");
  BOOST_TEST(f.value("mot_de_passe") == "abcd1234");
  BOOST_TEST(f.value("csrf") == "tok");
  BOOST_TEST((f.fields() == std::vector<std::string>{"identifiant", "date_naissance", "email", "mot_de_passe", "csrf"}));
}

BOOST_AUTO_TEST_CASE(bidirectional_controls_are_refused_in_every_field) {
  // U+202E (right-to-left override) makes "Anne<RLO>uaerom" read "Anne moreau" backwards in a list.
  for (const char* control : {"\u202A", "\u202B", "\u202C", "\u202D", "\u202E", "\u2066", "\u2067", "\u2068", "\u2069"}) {
    BOOST_TEST_CONTEXT(control) {
      ts::web::Form f(with_params({{"nom", std::string("Mor") + control + "eau"}}), {{"nom", 80, nullptr}});
      BOOST_TEST(!f.ok());
      BOOST_TEST(f.has_error("nom"));
    }
  }
  // Letters of every script, accents, apostrophes and the no-break spaces inside a name stay fine.
  ts::web::Form ok(with_params({{"nom", "Zoé O\u2019Brien-Lefèvre \u0639\u0644\u064A"}}), {{"nom", 80, nullptr}});
  BOOST_TEST(ok.ok());
}

BOOST_AUTO_TEST_CASE(absent_fields_are_empty_and_not_validated) {
  // Whether a field is required is the handler's rule, not the validator's.
  ts::web::Form f = first_connection(with_params({}));
  BOOST_TEST(f.ok());
  for (const auto& name : f.fields())
    BOOST_TEST_CONTEXT("field " << name) {
      BOOST_TEST(f.raw(name) == "");
      BOOST_TEST(f.value(name) == "");
      BOOST_TEST(!f.has_error(name));
    }
  BOOST_TEST(f.value("pas_declare") == "");
  BOOST_TEST(f.raw("pas_declare") == "");
}

BOOST_AUTO_TEST_CASE(unknown_field_is_400) {
  BOOST_CHECK_EXCEPTION(first_connection(with_params({{"identifiant", "cri"}, {"admin", "1"}})), ts::web::HttpError, is_400);
  BOOST_CHECK_EXCEPTION(first_connection(with_params({{"", "x"}})), ts::web::HttpError, is_400);
  BOOST_CHECK_EXCEPTION(first_connection(with_params({{"Identifiant", "cri"}})), ts::web::HttpError, is_400);
}

BOOST_AUTO_TEST_CASE(repeated_field_is_400) {
  BOOST_CHECK_EXCEPTION(first_connection(with_params({{"identifiant", "cri"}, {"identifiant", "cri"}})),
                        ts::web::HttpError, is_400);
  BOOST_CHECK_EXCEPTION(first_connection(with_params({{"csrf", ""}, {"email", "a@b.fr"}, {"csrf", "t"}})),
                        ts::web::HttpError, is_400);
}

BOOST_AUTO_TEST_CASE(an_absurdly_long_value_is_400) {
  // Only against abuse: 4 × max_len + 64 bytes as sent.
  BOOST_TEST(ts::web::abuse_limit(10) == 104u);
  BOOST_CHECK_NO_THROW(first_connection(with_params({{"date_naissance", std::string(104, ' ')}})));
  BOOST_CHECK_EXCEPTION(first_connection(with_params({{"date_naissance", std::string(105, '1')}})), ts::web::HttpError,
                        is_400);
  BOOST_CHECK_EXCEPTION(first_connection(with_params({{"csrf", std::string(5000, 'a')}})), ts::web::HttpError, is_400);
}

BOOST_AUTO_TEST_CASE(a_value_too_long_once_cleaned_is_a_field_error) {
  BOOST_CHECK_NO_THROW(first_connection(with_params({{"identifiant", std::string(40, 'a')}})));
  ts::web::Form f = first_connection(with_params({{"identifiant", std::string(41, 'a')}, {"email", "a@ex.fr"}}));
  BOOST_TEST(f.has_error("identifiant"));
  BOOST_TEST(f.errors().front().second == "Cette valeur est trop longue : 40 caractères au plus.");
  BOOST_TEST(f.raw("email") == "a@ex.fr");  // the other values are kept for the page
  BOOST_TEST(!f.has_error("email"));
  // Lengths count characters, not bytes: 10 × "é" fits 10.
  ts::web::Form accents(with_params({{"nom", "éééééééééé"}}), {{"nom", 10, nullptr}});
  BOOST_TEST(accents.ok());
}

BOOST_AUTO_TEST_CASE(white_space_around_a_value_is_removed_before_the_length_and_format_checks) {
  // A date pasted with a space is 11 characters as sent, 10 once cleaned.
  ts::web::Form f = first_connection(with_params({{"date_naissance", "21/05/2013 "}}));
  BOOST_TEST(f.ok());
  BOOST_TEST(f.value("date_naissance") == "2013-05-21");
  // No-break spaces (U+00A0, U+202F) copied from a PDF or a web page too.
  ts::web::Form g = first_connection(with_params({{"date_naissance", "\xC2\xA0" "21/05/2013" "\xE2\x80\xAF"}}));
  BOOST_TEST(g.ok());
  BOOST_TEST(g.value("date_naissance") == "2013-05-21");
  // Thin, figure, em and ideographic spaces, zero width space, BOM: all around, none inside.
  for (const char* around : {"\xE2\x80\x89", "\xE2\x80\x87", "\xE2\x80\x83", "\xE3\x80\x80", "\xE2\x80\x8B",
                             "\xEF\xBB\xBF"}) {
    std::string typed = std::string(around) + "abcd1234" + around + " ";
    ts::web::Form h(with_params({{"mot_de_passe", typed}}), {{"mot_de_passe", 14, valid::password_rule}});
    BOOST_TEST(h.raw("mot_de_passe") == "abcd1234");
    BOOST_TEST(h.ok());
  }
  ts::web::Form inside(with_params({{"nom", "Le\xC2\xA0" "Bihan"}}), {{"nom", 20, nullptr}});
  BOOST_TEST(inside.raw("nom") == "Le\xC2\xA0" "Bihan");
}

BOOST_AUTO_TEST_CASE(every_value_is_cleaned_passwords_included) {
  ts::web::Request r = with_params({{"identifiant", "  CRI \t\r\n"}, {"email", "\ta@ex.fr "}, {"mot_de_passe", " abcd1234 "}});
  ts::web::Form f = first_connection(r);
  BOOST_TEST(f.value("identifiant") == "cri");
  BOOST_TEST(f.raw("identifiant") == "CRI");
  BOOST_TEST(f.value("email") == "a@ex.fr");
  // No valid password holds a space (letters and digits): the spaces around
  // one are a copying accident, never part of it.
  BOOST_TEST(f.raw("mot_de_passe") == "abcd1234");
  BOOST_TEST(!f.has_error("mot_de_passe"));
  BOOST_TEST(f.ok());
  for (const char* name : {"mot_de_passe", "nouveau_mot_de_passe", "mot_de_passe_actuel", "confirmation"})
    BOOST_TEST_CONTEXT("field " << name) {
      ts::web::Form g(with_params({{name, "\t secret1 "}}), {{name, 20, nullptr}});
      BOOST_TEST(g.raw(name) == "secret1");
    }
}

BOOST_AUTO_TEST_CASE(values_are_unicode_nfc) {
  // "é" typed as e + combining acute (U+0301) equals the precomposed U+00E9.
  ts::web::Form f(with_params({{"nom", "Ce\xCC\x81" "line"}}), {{"nom", 20, nullptr}});
  BOOST_TEST(f.raw("nom") == "C\xC3\xA9" "line");
}

BOOST_AUTO_TEST_CASE(a_get_ignores_unknown_fields_a_post_does_not) {
  ts::web::Request get;
  get.method = "GET";
  get.params = {{"code", "abc"}, {"utm_source", "ent"}, {"fbclid", "x"}, {"csrf_token", "t"}};
  ts::web::Form f(get, {{"code", 64, nullptr}});
  BOOST_TEST(f.ok());
  BOOST_TEST(f.value("code") == "abc");
  BOOST_TEST(f.raw("utm_source") == "");
  // A declared field twice is still refused.
  get.params = {{"code", "a"}, {"code", "b"}};
  BOOST_CHECK_EXCEPTION(ts::web::Form(get, {{"code", 64, nullptr}}), ts::web::HttpError, is_400);
  // A POST keeps its strict field table.
  BOOST_CHECK_EXCEPTION(ts::web::Form(with_params({{"code", "a"}, {"utm_source", "ent"}}), {{"code", 64, nullptr}}),
                        ts::web::HttpError, is_400);
}

BOOST_AUTO_TEST_CASE(blank_value_becomes_empty_without_error) {
  ts::web::Form f = first_connection(with_params({{"email", "  \t "}, {"date_naissance", " \r\n"}}));
  BOOST_TEST(f.ok());
  BOOST_TEST(f.value("email") == "");
  BOOST_TEST(f.value("date_naissance") == "");
}

BOOST_AUTO_TEST_CASE(errors_follow_declaration_order) {
  // Sent in the reverse order of the declaration, all invalid.
  ts::web::Request r = with_params({{"mot_de_passe", "court"},
                               {"email", "pas-une-adresse"},
                               {"date_naissance", "31/04/2010"},
                               {"identifiant", "a b"}});
  ts::web::Form f = first_connection(r);
  BOOST_TEST(!f.ok());
  auto errs = f.errors();
  BOOST_REQUIRE(errs.size() == 4u);
  BOOST_TEST(errs[0].first == "identifiant");
  BOOST_TEST(errs[1].first == "date_naissance");
  BOOST_TEST(errs[2].first == "email");
  BOOST_TEST(errs[3].first == "mot_de_passe");
  BOOST_TEST(errs[0].second == message_of(valid::identifier, "a b"));
  BOOST_TEST(errs[1].second == message_of(valid::birth_date, "31/04/2010"));
  BOOST_TEST(errs[2].second == message_of(valid::email, "pas-une-adresse"));
  BOOST_TEST(errs[3].second == message_of(valid::password_rule, "court"));
  for (const auto& e : errs) BOOST_TEST(f.has_error(e.first));
  BOOST_TEST(!f.has_error("csrf"));
  // An invalid value is shown back as typed (trimmed), not normalised.
  BOOST_TEST(f.value("date_naissance") == "31/04/2010");
}

BOOST_AUTO_TEST_CASE(fail_keeps_the_first_error_per_field) {
  ts::web::Form f = first_connection(with_params({{"identifiant", "cri"}, {"email", "x"}}));
  std::string email_msg = message_of(valid::email, "x");
  BOOST_TEST(f.errors().size() == 1u);
  // A handler rule after the format check: the format message stays.
  BOOST_TEST(f.fail("email", "Adresse déjà utilisée.") == false);
  BOOST_TEST(f.fail("identifiant", "Identifiant inconnu.") == false);
  BOOST_TEST(f.fail("identifiant", "Second message.") == false);
  auto errs = f.errors();
  BOOST_REQUIRE(errs.size() == 2u);
  BOOST_TEST(errs[0].first == "identifiant");
  BOOST_TEST(errs[0].second == "Identifiant inconnu.");
  BOOST_TEST(errs[1].first == "email");
  BOOST_TEST(errs[1].second == email_msg);
  BOOST_TEST(!f.ok());
}

BOOST_AUTO_TEST_CASE(fail_in_any_order_is_listed_in_declaration_order) {
  ts::web::Form f = first_connection(with_params({}));
  BOOST_TEST(f.ok());
  f.fail("csrf", "c");
  f.fail("email", "e");
  f.fail("identifiant", "i");
  auto errs = f.errors();
  BOOST_REQUIRE(errs.size() == 3u);
  BOOST_TEST(errs[0].first == "identifiant");
  BOOST_TEST(errs[1].first == "email");
  BOOST_TEST(errs[2].first == "csrf");
}

BOOST_AUTO_TEST_CASE(field_without_validator_accepts_any_text_within_the_cap) {
  ts::web::Request r = with_params({{"commentaire", "<script>alert('x')</script> é ; DROP TABLE"}});
  ts::web::Form f(r, {{"commentaire", 100, nullptr}});
  BOOST_TEST(f.ok());
  BOOST_TEST(f.value("commentaire") == "<script>alert('x')</script> é ; DROP TABLE");
}

BOOST_AUTO_TEST_SUITE_END()
