#include "base/JsonWriter.hpp"

#include <sstream>
#include <string>

namespace jiceng {

void JsonWriter::begin_item(const std::string_view* key) {
  if (!levels_.empty()) {
    Level& l = levels_.back();
    out_ << (l.items++ ? ",\n" : "\n") << std::string(2 * levels_.size(), ' ');
    if (key) out_ << nlohmann::json(*key).dump() << ": ";
  }
}

void JsonWriter::open(bool object, const std::string_view* key) {
  begin_item(key);
  out_ << (object ? '{' : '[');
  levels_.push_back({object});
}

JsonWriter& JsonWriter::object() { open(true, nullptr); return *this; }
JsonWriter& JsonWriter::array() { open(false, nullptr); return *this; }
JsonWriter& JsonWriter::object(std::string_view key) { open(true, &key); return *this; }
JsonWriter& JsonWriter::array(std::string_view key) { open(false, &key); return *this; }

JsonWriter& JsonWriter::end() {
  const Level l = levels_.back();
  levels_.pop_back();
  // An empty container stays on its line ("[]"), as in dump(2).
  if (l.items) out_ << '\n' << std::string(2 * levels_.size(), ' ');
  out_ << (l.object ? '}' : ']');
  return *this;
}

void JsonWriter::put(const nlohmann::json& value) {
  // dump(2) indents from column 0; a value nested n levels deep moves every following line right.
  const std::string text = value.dump(2);
  const std::string pad(2 * levels_.size(), ' ');
  size_t from = 0;
  for (size_t nl; (nl = text.find('\n', from)) != std::string::npos; from = nl + 1)
    out_.write(text.data() + from, std::streamsize(nl + 1 - from)) << pad;
  out_.write(text.data() + from, std::streamsize(text.size() - from));
}

JsonWriter& JsonWriter::member(std::string_view key, const nlohmann::json& value) {
  begin_item(&key);
  put(value);
  return *this;
}

JsonWriter& JsonWriter::element(const nlohmann::json& value) {
  begin_item(nullptr);
  put(value);
  return *this;
}

nlohmann::json json_object(const std::function<void(JsonWriter&)>& write) {
  std::ostringstream text;
  JsonWriter w(text);
  w.object();
  write(w);
  w.end();
  return nlohmann::json::parse(text.str());
}

}  // namespace jiceng
