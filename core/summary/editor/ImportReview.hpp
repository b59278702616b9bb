#pragma once
// The review step of importing a purchased X-template: every blank the importer found, with its
// context, kind and proposed indicator, for a person to confirm or change before the template
// becomes the town's. Changing a blank's indicator keeps the format the importer chose ("余").
#include <set>
#include <string>
#include <vector>

#include "model/Model.hpp"
#include "summary/import/Importer.hpp"
#include "summary/Template.hpp"

namespace jiceng {
class Store;
}

namespace jiceng::editor {

struct ReviewItem {
  summary::ImportedBlank blank;
  std::string expression;   // what the placeholder will say (starts as the importer's proposal)
  bool confirmed = false;
};

class ImportReview {
 public:
  // Reads and analyses the file (InputError when it cannot be read).
  static ImportReview open(const std::string& path, const Catalog& catalog);
  static ImportReview from(summary::ImportResult result);

  const summary::ImportResult& result() const { return result_; }
  // A removed body line a person says is content after all: the file is read again with it kept
  // (its blanks join the list; what was settled so far is settled again where the blank is the
  // same). Lines of page headers and footers cannot be kept. Needs a review made by open().
  bool can_keep(size_t removed_line) const;
  void keep_line(size_t removed_line, const Catalog& catalog);
  // The blanks, those that most need a person first (unbound, then set aside, then least sure).
  const std::vector<ReviewItem>& items() const { return items_; }
  size_t confirmed() const;

  void confirm(size_t item, bool yes = true);
  // Binds a blank to an indicator, keeping the proposal's format; confirms it.
  void choose(size_t item, const Indicator& indicator);
  // Any expression (with an optional "| 格式"); throws ExprError (position within `text`) when it
  // does not parse or names an unknown indicator. Confirms it.
  void set_expression(size_t item, const std::string& text, const Catalog& catalog);

  // A fixed value typed by a person, for a blank that is not data: a number (a year's plan, a
  // count nobody collects) for a numeric blank, the words themselves for a redacted word or a
  // village's name. Throws InputError (Chinese) for an empty value, text that is not a number
  // where one is wanted, or characters a placeholder cannot hold. Confirms it.
  void set_fixed(size_t item, const std::string& value, const Catalog& catalog);

  // Proposed town indicators (ImportedBlank::proposed) of blanks a person has not settled yet.
  size_t open_proposals() const;
  // Renames an open proposal before it is accepted; throws InputError for an empty name or one
  // another indicator already has.
  void rename_proposal(size_t item, const std::string& name, const Catalog& catalog);
  // Defines every open proposal as a town indicator in `store` (one transaction, each audited;
  // admins only) and binds its blank to it. A name the catalog already has with the same unit and
  // kind (the same template imported again) is bound to that indicator, not defined twice.
  // Returns how many blanks were bound; nothing changes when it throws.
  size_t accept_proposals(Store& store, const Actor& actor);
  // Numeric blanks whose placeholder still says 待补: what stands between the review and a
  // complete template.
  size_t unresolved_numeric() const;

  // The template with the chosen expressions. Throws InputError when it does not parse.
  summary::Template build(const Catalog& catalog) const;

 private:
  summary::ImportResult result_;
  std::vector<ReviewItem> items_;
  std::string path_;
  std::set<std::string> keep_;
};

}  // namespace jiceng::editor
