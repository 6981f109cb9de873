// Lets BOOST_TEST compare std::optional values and print them when a check
// fails: the value, or "(nullopt)".
#pragma once
#include <boost/test/tools/detail/print_helper.hpp>

#include <optional>
#include <ostream>

namespace boost::test_tools::tt_detail {
template <class T>
struct print_log_value<std::optional<T>> {
  void operator()(std::ostream& os, const std::optional<T>& v) {
    if (v) print_log_value<T>()(os, *v);
    else os << "(nullopt)";
  }
};
template <>
struct print_log_value<std::nullopt_t> {
  void operator()(std::ostream& os, std::nullopt_t) { os << "(nullopt)"; }
};
}  // namespace boost::test_tools::tt_detail
