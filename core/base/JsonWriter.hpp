#pragma once
// A JSON document written as it is produced, laid out as nlohmann's dump(2) lays out a tree, so a
// long answer (a province's dashboard: 17 MB of text, 130 MB as a tree) never exists whole in
// memory. Each small value is an nlohmann::json dumped at once; containers open and close around
// them. Members come out in the order they are written: nlohmann's trees sort keys, so writers
// that want the same output write in alphabetical order.
#include <functional>
#include <optional>
#include <ostream>
#include <string_view>
#include <vector>
#include <nlohmann/json.hpp>

namespace jiceng {

class JsonWriter {
 public:
  explicit JsonWriter(std::ostream& out) : out_(out) {}
  JsonWriter(const JsonWriter&) = delete;
  JsonWriter& operator=(const JsonWriter&) = delete;

  // A container at the top or in an array; then one as a member of the open object.
  JsonWriter& object();
  JsonWriter& array();
  JsonWriter& object(std::string_view key);
  JsonWriter& array(std::string_view key);
  JsonWriter& end();  // closes the innermost open container

  JsonWriter& member(std::string_view key, const nlohmann::json& value);  // in an object
  JsonWriter& element(const nlohmann::json& value);                       // in an array

 private:
  struct Level {
    bool object;
    size_t items = 0;
  };
  void begin_item(const std::string_view* key);
  void open(bool object, const std::string_view* key);
  void put(const nlohmann::json& value);
  std::ostream& out_;
  std::vector<Level> levels_;
};

// A number or null: how every optional figure is written.
inline nlohmann::json json_or_null(const std::optional<double>& v) { return v ? nlohmann::json(*v) : nlohmann::json(nullptr); }

// The members `write` puts into an object, as a tree: for tests and for answers that are small.
nlohmann::json json_object(const std::function<void(JsonWriter&)>& write);

}  // namespace jiceng
