#include "qr.h"

#include <qrencode.h>

#include <cerrno>
#include <cstring>
#include <memory>
#include <stdexcept>

namespace ts::qr {

namespace {

constexpr int kQuiet = 4;  // modules of white around the symbol (ISO/IEC 18004)

std::string xml_escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

}  // namespace

std::string svg(const std::string& text, int module_px, const std::string& title) {
  if (module_px < 1) throw std::runtime_error("qr: module_px must be at least 1");
  std::unique_ptr<QRcode, decltype(&QRcode_free)> code(
      QRcode_encodeData(static_cast<int>(text.size()), reinterpret_cast<const unsigned char*>(text.data()), 0,
                        QR_ECLEVEL_M),
      &QRcode_free);
  if (!code) throw std::runtime_error(std::string("qr: QRcode_encodeData failed: ") + std::strerror(errno));

  const int w = code->width;
  const int size = w + 2 * kQuiet;  // in modules
  const std::string px = std::to_string(size * module_px);
  // One subpath per horizontal run of dark modules: "M x y h n v 1 h -n z".
  // Bit 0 of each byte of libqrencode's matrix is "dark".
  std::string d;
  for (int y = 0; y < w; ++y) {
    for (int x = 0; x < w;) {
      if (!(code->data[y * w + x] & 1)) { ++x; continue; }
      int run = 1;
      while (x + run < w && (code->data[y * w + x + run] & 1)) ++run;
      d += "M" + std::to_string(x + kQuiet) + " " + std::to_string(y + kQuiet) + "h" + std::to_string(run) +
           "v1h-" + std::to_string(run) + "z";
      x += run;
    }
  }
  const std::string n = std::to_string(size);
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"" + px + "\" height=\"" + px +
         "\" viewBox=\"0 0 " + n + " " + n + "\" shape-rendering=\"crispEdges\">\n"
         "<title>" + xml_escape(title) + "</title>\n"
         "<rect width=\"" + n + "\" height=\"" + n + "\" fill=\"#ffffff\"/>\n"
         "<path fill=\"#000000\" d=\"" + d + "\"/>\n"
         "</svg>\n";
}

}  // namespace ts::qr
