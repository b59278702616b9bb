#include "model/Expr.hpp"

#include <cctype>
#include <cmath>

#include "base/Numbers.hpp"
#include "base/Strings.hpp"
#include "base/Text.hpp"

namespace jiceng {
namespace {

// ---- Tokens ---------------------------------------------------------------------------------

enum class Tok { Number, String, Ident, Op, LParen, RParen, Comma, End };

struct Token {
  Tok type = Tok::End;
  std::string text;
  double number = 0;
  int pos = 0;  // character offset
};

// Full-width and typographic forms a clerk's input method produces, mapped to ASCII operators.
struct Alias {
  const char* from;
  const char* to;
};
constexpr Alias kAliases[] = {
    {"（", "("}, {"）", ")"}, {"，", ","}, {"＋", "+"}, {"－", "-"}, {"×", "*"}, {"÷", "/"},
    {"＝", "="}, {"＜", "<"}, {"＞", ">"}, {"≤", "<="}, {"≥", ">="}, {"≠", "!="}, {"％", "%"},
};

class Lexer {
 public:
  explicit Lexer(std::string_view s) : s_(s) {}

  std::vector<Token> run() {
    std::vector<Token> out;
    while (true) {
      skip_space();
      Token t;
      t.pos = chars_;
      if (i_ >= s_.size()) { out.push_back(t); return out; }
      if (match_alias(t)) { out.push_back(t); continue; }
      unsigned char c = s_[i_];
      if (std::isdigit(c) || (c == '.' && i_ + 1 < s_.size() && std::isdigit((unsigned char)s_[i_ + 1]))) {
        t.type = Tok::Number;
        const NumberPrefix n = read_number(std::string_view(s_).substr(i_));
        t.number = n.value;
        advance_bytes(n.length);
        out.push_back(t);
      } else if (c == '"' || starts("「") || starts("“")) {
        out.push_back(string_literal(t));
      } else if (std::string_view("+-*/%(),=<>!&|").find(c) != std::string_view::npos) {
        out.push_back(op(t));
      } else if (is_ident_char()) {
        t.type = Tok::Ident;
        while (i_ < s_.size() && is_ident_char()) {
          size_t n = utf8_seq_len(s_[i_]);
          t.text.append(s_.substr(i_, n));
          advance_bytes(n);
        }
        if (t.text == "and" || t.text == "且") { t.type = Tok::Op; t.text = "and"; }
        else if (t.text == "or" || t.text == "或") { t.type = Tok::Op; t.text = "or"; }
        else if (t.text == "not" || t.text == "非") { t.type = Tok::Op; t.text = "not"; }
        out.push_back(t);
      } else {
        size_t n = utf8_seq_len(c);
        throw ExprError(tr("expr.bad_char", {{"char", std::string(s_.substr(i_, n))},
                                             {"pos", std::to_string(chars_ + 1)}}), chars_);
      }
    }
  }

 private:
  bool starts(std::string_view p) const { return s_.substr(i_, p.size()) == p; }
  void advance_bytes(size_t n) {
    size_t end = i_ + n;
    while (i_ < end && i_ < s_.size()) { i_ += utf8_seq_len(s_[i_]); ++chars_; }
  }
  void skip_space() {
    while (i_ < s_.size()) {
      if (std::isspace((unsigned char)s_[i_])) advance_bytes(1);
      else if (starts("\u3000")) advance_bytes(3);  // ideographic space
      else break;
    }
  }
  bool match_alias(Token& t) {
    for (const auto& a : kAliases) {
      if (!starts(a.from)) continue;
      advance_bytes(std::string_view(a.from).size());
      std::string_view to = a.to;
      if (to == "(") t.type = Tok::LParen;
      else if (to == ")") t.type = Tok::RParen;
      else if (to == ",") t.type = Tok::Comma;
      else t.type = Tok::Op;
      t.text = to;
      return true;
    }
    return false;
  }
  bool is_ident_char() const {
    unsigned char c = s_[i_];
    if (std::isalnum(c) || c == '_' || c == '.') return true;
    if (c < 0x80) return false;
    for (const auto& a : kAliases) if (starts(a.from)) return false;
    return !starts("」") && !starts("”") && !starts("「") && !starts("“") && !starts("、") && !starts("\u3000");
  }
  Token string_literal(Token& t) {
    std::string close = s_[i_] == '"' ? "\"" : starts("「") ? "」" : "”";
    advance_bytes(s_[i_] == '"' ? 1 : 3);
    t.type = Tok::String;
    while (i_ < s_.size() && !starts(close)) {
      size_t n = utf8_seq_len(s_[i_]);
      t.text.append(s_.substr(i_, n));
      advance_bytes(n);
    }
    if (i_ >= s_.size()) throw ExprError(tr("expr.unclosed_string", {{"pos", std::to_string(t.pos + 1)}}), t.pos);
    advance_bytes(close.size());
    return t;
  }
  Token op(Token& t) {
    char c = s_[i_];
    std::string two(s_.substr(i_, 2));
    t.type = Tok::Op;
    if (two == "<=" || two == ">=" || two == "!=" || two == "==" || two == "&&" || two == "||") {
      t.text = two == "==" ? "=" : two == "&&" ? "and" : two == "||" ? "or" : two;
      advance_bytes(2);
    } else {
      advance_bytes(1);
      if (c == '(') t.type = Tok::LParen;
      else if (c == ')') t.type = Tok::RParen;
      else if (c == ',') t.type = Tok::Comma;
      else if (c == '!') t.text = "not";
      else if (c == '&' || c == '|') throw ExprError(tr("expr.bad_char", {{"char", std::string(1, c)}, {"pos", std::to_string(t.pos + 1)}}), t.pos);
      t.text = t.text.empty() ? std::string(1, c) : t.text;
    }
    return t;
  }

  std::string_view s_;
  size_t i_ = 0;
  int chars_ = 0;
};

// ---- Parser (precedence climbing) -----------------------------------------------------------

using NodePtr = std::unique_ptr<ExprNode>;

// A placeholder is a line or two; these bounds keep a hostile template (thousands of nested "("
// or a chain of 100 000 "+1") from exhausting the stack in the parser, the evaluator or the
// tree's destructor, all of which recurse.
constexpr size_t kMaxTokens = 2000;
constexpr int kMaxDepth = 300;  // about 100 levels of brackets

class Parser {
 public:
  explicit Parser(std::vector<Token> toks) : t_(std::move(toks)) {}

  NodePtr parse() {
    if (peek().type == Tok::End) throw ExprError(tr("expr.empty"), 0);
    if (t_.size() > kMaxTokens)
      throw ExprError(tr("expr.too_long", {{"max", std::to_string(kMaxTokens)}}), t_[kMaxTokens].pos);
    NodePtr n = or_expr();
    if (peek().type != Tok::End) fail_unexpected();
    return n;
  }

 private:
  const Token& peek() const { return t_[k_]; }
  const Token& next() { return t_[k_++]; }
  bool is_op(const char* s) const { return peek().type == Tok::Op && peek().text == s; }

  [[noreturn]] void fail_unexpected() const {
    const Token& t = peek();
    std::string what = t.type == Tok::End ? tr("expr.end") : token_text(t);
    throw ExprError(tr("expr.unexpected", {{"token", what}, {"pos", std::to_string(t.pos + 1)}}), t.pos);
  }
  static std::string token_text(const Token& t) {
    switch (t.type) {
      case Tok::Number: return format_number(t.number, 6);
      case Tok::LParen: return "(";
      case Tok::RParen: return ")";
      case Tok::Comma: return ",";
      default: return t.text;
    }
  }
  static NodePtr binary(std::string op, NodePtr a, NodePtr b, int pos) {
    auto n = std::make_unique<ExprNode>();
    n->kind = ExprNode::Kind::Binary;
    n->text = std::move(op);
    n->position = pos;
    n->args.push_back(std::move(a));
    n->args.push_back(std::move(b));
    return n;
  }
  static NodePtr unary(std::string op, NodePtr a, int pos) {
    auto n = std::make_unique<ExprNode>();
    n->kind = ExprNode::Kind::Unary;
    n->text = std::move(op);
    n->position = pos;
    n->args.push_back(std::move(a));
    return n;
  }

  // Counts how deep the descent is at the rules that recurse into themselves.
  struct Deeper {
    Parser& p;
    explicit Deeper(Parser& parser) : p(parser) {
      if (++p.depth_ > kMaxDepth)
        throw ExprError(tr("expr.too_deep", {{"pos", std::to_string(p.peek().pos + 1)}}), p.peek().pos);
    }
    ~Deeper() { --p.depth_; }
  };

  NodePtr or_expr() {
    Deeper d(*this);
    NodePtr a = and_expr();
    while (is_op("or")) { int p = next().pos; a = binary("or", std::move(a), and_expr(), p); }
    return a;
  }
  NodePtr and_expr() {
    NodePtr a = not_expr();
    while (is_op("and")) { int p = next().pos; a = binary("and", std::move(a), not_expr(), p); }
    return a;
  }
  NodePtr not_expr() {
    Deeper d(*this);
    if (is_op("not")) { int p = next().pos; return unary("not", not_expr(), p); }
    return comparison();
  }
  NodePtr comparison() {
    NodePtr a = additive();
    for (const char* op : {"=", "!=", "<", "<=", ">", ">="}) {
      if (is_op(op)) { int p = next().pos; return binary(op, std::move(a), additive(), p); }
    }
    return a;
  }
  NodePtr additive() {
    NodePtr a = term();
    while (is_op("+") || is_op("-")) {
      const Token& t = next();
      a = binary(t.text, std::move(a), term(), t.pos);
    }
    return a;
  }
  NodePtr term() {
    NodePtr a = unary_minus();
    while (is_op("*") || is_op("/") || is_op("%")) {
      const Token& t = next();
      a = binary(t.text, std::move(a), unary_minus(), t.pos);
    }
    return a;
  }
  NodePtr unary_minus() {
    Deeper d(*this);
    if (is_op("-")) { int p = next().pos; return unary("neg", unary_minus(), p); }
    return primary();
  }
  NodePtr primary() {
    const Token& t = peek();
    auto n = std::make_unique<ExprNode>();
    n->position = t.pos;
    switch (t.type) {
      case Tok::Number: next(); n->kind = ExprNode::Kind::Number; n->number = t.number; return n;
      case Tok::String: next(); n->kind = ExprNode::Kind::String; n->text = t.text; return n;
      case Tok::LParen: {
        next();
        NodePtr inner = or_expr();
        if (peek().type != Tok::RParen)
          throw ExprError(tr("expr.unclosed_paren", {{"pos", std::to_string(t.pos + 1)}}), peek().pos);
        next();
        return inner;
      }
      case Tok::Ident: {
        next();
        n->text = t.text;
        if (peek().type != Tok::LParen) { n->kind = ExprNode::Kind::Ident; return n; }
        n->kind = ExprNode::Kind::Call;
        next();
        if (peek().type != Tok::RParen) {
          while (true) {
            n->args.push_back(or_expr());
            if (peek().type == Tok::Comma) { next(); continue; }
            if (peek().type == Tok::RParen) break;
            if (peek().type == Tok::End)
              throw ExprError(tr("expr.unclosed_call", {{"name", t.text}, {"pos", std::to_string(t.pos + 1)}}), peek().pos);
            fail_unexpected();
          }
        }
        next();
        return n;
      }
      default: fail_unexpected();
    }
  }

  std::vector<Token> t_;
  size_t k_ = 0;
  int depth_ = 0;
};

void collect_identifiers(const ExprNode& n, std::vector<std::string>& out) {
  if (n.kind == ExprNode::Kind::Ident) {
    for (const auto& s : out) if (s == n.text) return;
    out.push_back(n.text);
  }
  for (const auto& a : n.args) collect_identifiers(*a, out);
}

ExprValue merge_missing(const ExprValue& a, const ExprValue& b) {
  std::vector<std::string> m = a.missing;
  for (const auto& x : b.missing) {
    bool seen = false;
    for (const auto& y : m) seen = seen || y == x;
    if (!seen) m.push_back(x);
  }
  return ExprValue::absent(std::move(m));
}

bool truthy(const ExprValue& v) { return v.is_number() ? v.number != 0 : v.type == ExprValue::Type::Text && !v.text.empty(); }

}  // namespace

// ---- Expr -----------------------------------------------------------------------------------

Expr Expr::parse(std::string_view source) {
  // Text from files is decoded before it gets here; bytes that are still not UTF-8 are refused
  // rather than echoed into a message or a document.
  if (const auto bad = find_invalid_utf8(source))
    throw ExprError(tr("expr.not_utf8"), int(utf8_length(source.substr(0, *bad))));
  Expr e;
  e.source_ = std::string(source);
  e.root_ = Parser(Lexer(source).run()).parse();
  return e;
}

std::vector<std::string> Expr::identifiers() const {
  std::vector<std::string> out;
  collect_identifiers(*root_, out);
  return out;
}

ExprValue Expr::eval(const ExprContext& ctx) const { return ctx.eval(*root_); }

ExprValue ExprContext::call(const ExprNode& n) const {
  throw ExprError(tr("expr.unknown_function", {{"name", n.text}, {"pos", std::to_string(n.position + 1)}}), n.position);
}

ExprValue ExprContext::eval(const ExprNode& n) const {
  using K = ExprNode::Kind;
  switch (n.kind) {
    case K::Number: return ExprValue::num(n.number);
    case K::String: return ExprValue::str(n.text);
    case K::Ident: return lookup(n);
    case K::Call: return call(n);
    case K::Unary: {
      ExprValue a = eval(*n.args[0]);
      if (a.is_missing()) return a;
      if (n.text == "not") return ExprValue::num(truthy(a) ? 0 : 1);
      if (!a.is_number()) throw ExprError(tr("expr.not_a_number", {{"pos", std::to_string(n.position + 1)}}), n.position);
      return ExprValue::num(-a.number);
    }
    case K::Binary: break;
  }
  const std::string& op = n.text;
  ExprValue a = eval(*n.args[0]);
  // and/or short-circuit only on known values; a missing operand keeps the result missing.
  if (op == "and" && !a.is_missing() && !truthy(a)) return ExprValue::num(0);
  if (op == "or" && !a.is_missing() && truthy(a)) return ExprValue::num(1);
  ExprValue b = eval(*n.args[1]);
  if (a.is_missing() || b.is_missing()) return merge_missing(a, b);
  if (op == "and" || op == "or") return ExprValue::num(truthy(b) ? 1 : 0);
  if (op == "=" || op == "!=") {
    bool eq = a.type == b.type && (a.is_number() ? std::fabs(a.number - b.number) < 1e-9 : a.text == b.text);
    return ExprValue::num((op == "=") == eq ? 1 : 0);
  }
  if (!a.is_number() || !b.is_number())
    throw ExprError(tr("expr.not_a_number", {{"pos", std::to_string(n.position + 1)}}), n.position);
  double x = a.number, y = b.number;
  if (op == "+") return ExprValue::num(x + y);
  if (op == "-") return ExprValue::num(x - y);
  if (op == "*") return ExprValue::num(x * y);
  if (op == "/" || op == "%") {
    // Division by zero has no figure to state: treat it as missing data, not infinity.
    if (y == 0) return ExprValue::absent({tr("expr.division_by_zero")});
    return ExprValue::num(op == "/" ? x / y : std::fmod(x, y));
  }
  if (op == "<") return ExprValue::num(x < y);
  if (op == "<=") return ExprValue::num(x <= y);
  if (op == ">") return ExprValue::num(x > y);
  if (op == ">=") return ExprValue::num(x >= y);
  throw ExprError(tr("expr.unexpected", {{"token", op}, {"pos", std::to_string(n.position + 1)}}), n.position);
}

}  // namespace jiceng
