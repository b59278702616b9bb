#include <doctest/doctest.h>

#include <map>

#include "base/Text.hpp"
#include "model/Expr.hpp"

using namespace jiceng;

namespace {

// Identifiers are looked up in a plain map; a name not in the map has no data.
struct MapContext : ExprContext {
  std::map<std::string, double> values;
  ExprValue lookup(const ExprNode& n) const override {
    auto it = values.find(n.text);
    return it == values.end() ? ExprValue::absent({n.text}) : ExprValue::num(it->second);
  }
};

double eval(const std::string& src, const MapContext& ctx) {
  ExprValue v = Expr::parse(src).eval(ctx);
  REQUIRE(v.is_number());
  return v.number;
}

}  // namespace

TEST_CASE("arithmetic follows precedence and accepts full-width operators") {
  MapContext ctx;
  ctx.values = {{"a", 6}, {"b", 3}, {"发展党员数", 12}, {"任务数", 16}};
  CHECK(eval("1 + 2 * 3", ctx) == 7);
  CHECK(eval("(1 + 2) * 3", ctx) == 9);
  CHECK(eval("-a + b", ctx) == -3);
  CHECK(eval("a / b - 1", ctx) == 1);
  CHECK(eval("发展党员数 / 任务数 * 100", ctx) == 75);
  CHECK(eval("（发展党员数 ＋ 4）÷ 任务数 × 100", ctx) == 100);
  CHECK(eval("a >= 6 and b < 3", ctx) == 0);
  CHECK(eval("a = 6 或 b = 0", ctx) == 1);
  CHECK(eval("not a > 10", ctx) == 1);
}

TEST_CASE("missing data stays missing and names what is missing") {
  MapContext ctx;
  ctx.values = {{"a", 1}};
  ExprValue v = Expr::parse("a + 未填指标 * 2").eval(ctx);
  CHECK(v.is_missing());
  REQUIRE(v.missing.size() == 1);
  CHECK(v.missing[0] == "未填指标");
  CHECK(Expr::parse("a / 0").eval(ctx).is_missing());
}

TEST_CASE("parse errors give the character position and a Chinese reason") {
  auto error_at = [](const std::string& src) {
    try {
      Expr::parse(src);
    } catch (const ExprError& e) {
      return std::pair(e.position, std::string(e.what()));
    }
    FAIL("no error for " << src);
    return std::pair(-1, std::string());
  };
  auto [p1, m1] = error_at("发展党员数 + ");
  CHECK(p1 == 8);
  CHECK(m1.find("结尾") != std::string::npos);
  auto [p2, m2] = error_at("(a + b");
  CHECK(m2.find("右括号") != std::string::npos);
  // Bytes that are not UTF-8 (GBK pasted from elsewhere) are refused, never echoed into the message.
  auto [p_bad, m_bad] = error_at("党员 + \xb5\xb3");
  CHECK(p_bad == 5);
  CHECK(m_bad.find("UTF-8") != std::string::npos);
  CHECK_FALSE(find_invalid_utf8(m_bad).has_value());
  auto [p3, m3] = error_at("a + # b");
  CHECK(p3 == 4);
  CHECK(m3.find("#") != std::string::npos);
  auto [p4, m4] = error_at("rate(a, b");
  CHECK(m4.find("rate") != std::string::npos);
  error_at("");
  error_at("a b");
  // What a hostile or broken template holds: deep brackets, a long chain, stacked signs. Each is
  // a Chinese error where it is, never a crash (these overflowed the stack before).
  auto [p5, m5] = error_at(std::string(900, '(') + "1" + std::string(900, ')'));
  CHECK(m5.find("嵌套太深") != std::string::npos);
  CHECK(p5 > 0);
  CHECK(error_at(std::string(100000, '-') + "1").second.find("太长") != std::string::npos);
  CHECK(error_at(std::string(1000, '-') + "1").second.find("嵌套太深") != std::string::npos);
  std::string chain = "1";
  for (int i = 0; i < 50000; ++i) chain += "+1";
  CHECK(error_at(chain).second.find("太长") != std::string::npos);
  CHECK(error_at(std::string(5000, '!') + "a").second.find("太") != std::string::npos);
  // Real nesting still works.
  CHECK(Expr::parse(std::string(30, '(') + "1" + std::string(30, ')')).identifiers().empty());
}

TEST_CASE("identifiers lists each name once, in order, including function arguments") {
  Expr e = Expr::parse("villages(cold_stores > 0) + a * a + 「文字」");
  CHECK(e.identifiers() == std::vector<std::string>{"cold_stores", "a"});
}

TEST_CASE("unknown functions are reported with their position") {
  MapContext ctx;
  try {
    Expr::parse("1 + nosuch(2)").eval(ctx);
    FAIL("expected an error");
  } catch (const ExprError& e) {
    CHECK(e.position == 4);
    CHECK(std::string(e.what()).find("nosuch") != std::string::npos);
  }
}
