#pragma once
// 待审核: what leaders have to review — each organisation's periods whose values are all at least
// 已提交 and some not yet 已审核 — and the review itself, one or several at once, through the
// store's own workflow (Store::approve, Store::reopen), so the rights, the checks and the audit are
// the same as on the collect form. Pure logic over the store; the dashboard and the CLI show it.
#include <optional>
#include <string>
#include <vector>

#include "model/Model.hpp"

namespace jiceng {

class JsonWriter;

class Store;

struct PendingReview {
  OrgId org = 0;
  Period period;
  int values = 0;             // values submitted for the period
  std::string submitted_at;   // ISO time of the submission (the latest change of its values)
  std::string submitted_by;   // who submitted
  // Figures the clerk knowingly left empty when submitting, as recorded in the submission's audit
  // entry ("confirmed_gaps" or "gaps": a count or a list of indicator ids); nullopt when the entry
  // records none (older submissions, or a whole month).
  std::optional<int> confirmed_gaps;
};

// Every period awaiting review, in every year: oldest period first, then the earliest submitted.
std::vector<PendingReview> pending_reviews(const Store& store);

enum class ReviewAction { Approve, Return };

struct ReviewItem {
  OrgId org = 0;
  Period period;
};

// Approves (Store::approve) or returns for changes (Store::reopen, `reason` required) each item,
// all in one transaction: when one is refused nothing is written, and the InputError names it.
void review(Store& store, const std::vector<ReviewItem>& items, ReviewAction action, const Actor& actor,
            const std::string& reason = {});

// The member "pending_review" into the object `w` has open. `orgs` names the organisations (the
// year's figures already hold them: no second read).
void write_json(JsonWriter& w, const std::vector<PendingReview>& pending, const std::vector<Org>& orgs);

}  // namespace jiceng
