// lib/core/qr.h: the SVG's shape (XML, quiet zone, one path) and, through real
// readers, its content: rsvg-convert (librsvg) renders it to PNG, zbarimg
// (ZBar) decodes that back to the text. Both come from scripts/deps.sh.
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "../support/output_of.h"
#include "../support/temp_dir.h"
#include "core/crypto.h"
#include "core/qr.h"
#include "core/totp.h"

namespace fs = std::filesystem;

namespace {

// What zbarimg reads in the SVG once rendered to PNG (its exit status in `status`).
std::string decode(const std::string& svg, int& status) {
  tst::TempDir dir("ts-qr");
  const fs::path in = dir.path / "code.svg", png = dir.path / "code.png";
  std::ofstream(in, std::ios::binary) << svg;
  std::string out = tst::output_of("rsvg-convert -b white -o '" + png.string() + "' '" + in.string() + "' 2>&1", status);
  if (status != 0) return "rsvg-convert: " + out;
  // zbarimg's stderr (a D-Bus notice where there is no system bus) apart
  // from the text it prints; shown only when it fails.
  const fs::path err = dir.path / "zbarimg.err";
  out = tst::output_of("zbarimg --raw -q '" + png.string() + "' 2>'" + err.string() + "'", status);
  if (status != 0) {
    std::ifstream e(err);
    out += "zbarimg: " + std::string(std::istreambuf_iterator<char>(e), {});
  }
  return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(qr_test)

BOOST_AUTO_TEST_CASE(svg_document_shape) {
  const std::string svg = ts::qr::svg("HELLO", 6, "Code <QR> & co");
  BOOST_TEST(svg.rfind("<?xml", 0) == 0);
  BOOST_TEST(svg.find("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\"") != std::string::npos);
  BOOST_TEST(svg.find("<title>Code &lt;QR&gt; &amp; co</title>") != std::string::npos);
  BOOST_TEST(svg.find("fill=\"#ffffff\"") != std::string::npos);
  BOOST_TEST(svg.find("fill=\"#000000\"") != std::string::npos);
  BOOST_TEST(svg.find("style") == std::string::npos);   // no inline style (CSP)
  BOOST_TEST(svg.find("<script") == std::string::npos);
  // "HELLO" at level M is version 1: 21 modules + 2 × 4 of quiet zone = 29;
  // 29 × 6 px = 174 px.
  BOOST_TEST(svg.find("viewBox=\"0 0 29 29\"") != std::string::npos);
  BOOST_TEST(svg.find("width=\"174\" height=\"174\"") != std::string::npos);
  BOOST_TEST(ts::qr::svg("HELLO", 3).find("width=\"87\" height=\"87\"") != std::string::npos);
  BOOST_TEST(ts::qr::svg("HELLO").find("<title>Code QR</title>") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(dark_modules_stay_out_of_the_quiet_zone) {
  const std::string svg = ts::qr::svg(ts::totp::otpauth_uri("Téléservices", "m.dupont", ts::crypto::random_bytes(20)));
  const size_t vb = svg.find("viewBox=\"");
  BOOST_TEST_REQUIRE(vb != std::string::npos);
  int size = 0, size_h = 0;
  BOOST_TEST_REQUIRE(std::sscanf(svg.c_str() + vb, "viewBox=\"0 0 %d %d\"", &size, &size_h) == 2);
  BOOST_TEST(size == size_h);
  BOOST_TEST((size - 8 - 17) % 4 == 0);  // a QR symbol is 17 + 4 × version modules wide
  // Every run "M x y h n v1 h-n z" of the path lies within [4, size - 4).
  const size_t d = svg.find(" d=\"");
  BOOST_TEST_REQUIRE(d != std::string::npos);
  const char* p = svg.c_str() + d + 4;
  int runs = 0, min_xy = size, max_x = 0, max_y = 0, x = 0, y = 0, n = 0, back = 0, used = 0;
  while (std::sscanf(p, "M%d %dh%dv1h-%dz%n", &x, &y, &n, &back, &used) == 4) {
    BOOST_TEST(n == back);
    min_xy = std::min({min_xy, x, y});
    max_x = std::max(max_x, x + n);
    max_y = std::max(max_y, y + 1);
    ++runs;
    p += used;
  }
  BOOST_TEST(std::string(p, 3) == "\"/>");  // the whole path was read
  BOOST_TEST(runs > 0);
  // The finder patterns touch the symbol's edges: dark from 4 to size - 4 exactly.
  BOOST_TEST(min_xy == 4);
  BOOST_TEST(max_x == size - 4);
  BOOST_TEST(max_y == size - 4);
}

BOOST_AUTO_TEST_CASE(zbarimg_reads_the_text_back) {
  const std::string uri = ts::totp::otpauth_uri("Téléservices", "m.dupont@ac-test.fr", ts::crypto::random_bytes(20));
  const std::string texts[] = {
      uri,
      "HELLO",
      std::string(300, 'a') + "-0123456789:/?&=%",  // a larger version
  };
  for (const auto& t : texts)
    BOOST_TEST_CONTEXT("text " << t) {
      int status = 0;
      const std::string out = decode(ts::qr::svg(t), status);
      BOOST_TEST(status == 0, out);
      BOOST_TEST(out == t + "\n");
    }
  // Small modules (2 px) still read.
  int status = 0;
  BOOST_TEST(decode(ts::qr::svg(uri, 2), status) == uri + "\n");
  BOOST_TEST(status == 0);
}

BOOST_AUTO_TEST_CASE(failures_throw) {
  BOOST_CHECK_THROW(ts::qr::svg(std::string(3000, 'x')), std::runtime_error);  // over version 40-M's 2331 bytes
  BOOST_CHECK_THROW(ts::qr::svg("x", 0), std::runtime_error);
}

BOOST_AUTO_TEST_SUITE_END()
