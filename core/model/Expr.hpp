#pragma once
// A small expression language shared by catalog formulas and summary placeholders.
//
//   new_members / new_member_quota * 100         arithmetic over indicators (id or Chinese name)
//   发展党员数 - 上年(发展党员数)                     identifiers may be Chinese; （）are accepted
//   villages(cold_stores > 0)                     functions are supplied by the evaluation context
//
// Grammar (precedence low → high):  or  and  not  comparison(= != < <= > >=)  + -  * / %  unary -
// primary: number | "string" | 「string」 | identifier | identifier(args) | (expr)
// Operators also accept 且/或/非 and full-width ＋－×÷（），. Errors carry a character position.
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace jiceng {

// The result of evaluating an expression: a number, a text, or "missing" — a figure that has no
// data yet, naming the indicators whose data is missing (never silently 0).
struct ExprValue {
  enum class Type { Number, Text, Missing };
  Type type = Type::Missing;
  double number = 0;
  std::string text;
  std::vector<std::string> missing;  // indicator ids (or names) without data

  static ExprValue num(double v) { ExprValue r; r.type = Type::Number; r.number = v; return r; }
  static ExprValue str(std::string s) { ExprValue r; r.type = Type::Text; r.text = std::move(s); return r; }
  static ExprValue absent(std::vector<std::string> what) { ExprValue r; r.missing = std::move(what); return r; }
  bool is_number() const { return type == Type::Number; }
  bool is_missing() const { return type == Type::Missing; }
};

// A parse error: `position` counts characters (not bytes) from 0; `message` is Chinese.
class ExprError : public std::runtime_error {
 public:
  ExprError(const std::string& message, int position) : std::runtime_error(message), position(position) {}
  int position;
};

struct ExprNode {
  enum class Kind { Number, String, Ident, Call, Unary, Binary };
  Kind kind = Kind::Number;
  double number = 0;
  std::string text;  // string literal, identifier, function name, or operator ("+", "<=", "and", "neg", "not")
  std::vector<std::unique_ptr<ExprNode>> args;  // call arguments or operands
  int position = 0;  // character offset in the source
};

class ExprContext;

class Expr {
 public:
  static Expr parse(std::string_view source);  // throws ExprError
  const ExprNode& root() const { return *root_; }
  const std::string& source() const { return source_; }
  // Every identifier used (outside string literals), in order of first appearance.
  std::vector<std::string> identifiers() const;
  ExprValue eval(const ExprContext& ctx) const;

 private:
  std::string source_;
  std::shared_ptr<ExprNode> root_;
};

// Supplies identifiers and functions. Subclasses decide what an identifier means (an indicator's
// value for the current organisation and year) and which functions exist.
class ExprContext {
 public:
  virtual ~ExprContext() = default;
  // `ident` is an Ident node: its text is the name, its position the place for error messages.
  virtual ExprValue lookup(const ExprNode& ident) const = 0;
  // Functions receive their argument nodes unevaluated, so a function can evaluate a condition
  // once per village (see eval_in). Throw ExprError for an unknown function or wrong arguments.
  virtual ExprValue call(const ExprNode& call_node) const;
  // Evaluates a node in this context.
  ExprValue eval(const ExprNode& node) const;
};

}  // namespace jiceng
