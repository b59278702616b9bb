#pragma once
// Durable storage of the app's files. On the desktop the database is an ordinary file and SQLite
// makes each commit durable itself. In the browser the files live in memory and are copied to the
// browser's IndexedDB; the app calls flush_storage() after every committed transaction.
#include <functional>
#include <string>

namespace jiceng::platform {

struct StorageInfo {
  bool known = false;       // false on the desktop (nothing to show) or before the browser answered
  double used_bytes = 0;    // what this site stores (navigator.storage.estimate)
  double quota_bytes = 0;   // what the browser allows it
  bool persistent = false;  // the browser promised not to evict it (navigator.storage.persist)
  bool flushing = false;    // a copy to IndexedDB is under way
  std::string last_error;   // the last copy failed: why (browser's words), empty when fine
};
StorageInfo storage_info();

// Makes every file the app wrote durable (browser: copies changed files to IndexedDB; desktop:
// nothing, SQLite already did). Returns at once; the copy finishes in the background.
void flush_storage();

// Lets the page ask the running app a question (the browser tests find widgets this way): the
// answer is a JSON text. Desktop: kept but never asked.
void set_test_probe(std::function<std::string(const std::string& question)> probe);

}  // namespace jiceng::platform
