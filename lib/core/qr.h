// QR codes as SVG images (libqrencode): the otpauth:// URI of the staff's
// TOTP enrolment (docs/STAFF.md, GET /personnel/qr.svg).
#pragma once
#include <string>

namespace ts::qr {

// A standalone SVG document (XML declaration first) of `text` as a QR code:
// error correction level M, 8-bit mode, the smallest version that holds it.
// Each module is `module_px` pixels (width/height attributes; the viewBox
// counts modules), with a quiet zone of 4 modules on every side, a white
// background and the dark modules in black, drawn as one <path>. The <svg>
// has role="img" and a <title> (`title`, XML-escaped). Throws
// std::runtime_error when libqrencode fails (text too long: more than
// 2331 bytes at level M) or module_px < 1.
std::string svg(const std::string& text, int module_px = 6, const std::string& title = "Code QR");

}  // namespace ts::qr
