// The worked example of docs/metrics.md: seven events on X, brand acme = @Acme
// (author id 100). Every family test checks its figures against the ones the page
// derives by hand.
//
// | id | author | time  | type  | parent | text                     |
// |----|--------|-------|-------|--------|--------------------------|
// | 1  | acme   | 10:00 | post  |        | Spring menu is out       |
// | 2  | sam    | 10:05 | reply | 1      | @Acme where is my order? |
// | 3  | sam    | 10:06 | reply | 1      | order 1234               |
// | 4  | acme   | 10:20 | reply | 3      | @sam sorry, checking now |
// | 5  | sam    | 10:30 | reply | 4      | thanks                   |
// | 6  | kim    | 10:31 | reply | 5      | same here                |
// | 7  | lee    | 11:00 | share | 1      |                          |
#pragma once

#include "table_builder.h"

namespace rapport::test {

inline std::vector<BrandSpec> WorkedExampleBrands() { return {Brand("acme", {"@acme"})}; }

inline TableBuilder WorkedExample() {
  TableBuilder b(WorkedExampleBrands());
  b.Post("1", "100", "2024-03-04T10:00:00Z", {.text = "Spring menu is out", .handle = "@Acme"});
  b.Reply("2", "201", "2024-03-04T10:05:00Z", "1", {.text = "@Acme where is my order?", .handle = "@sam"});
  b.Reply("3", "201", "2024-03-04T10:06:00Z", "1", {.text = "order 1234", .handle = "@sam"});
  b.Reply("4", "100", "2024-03-04T10:20:00Z", "3", {.text = "@sam sorry, checking now", .handle = "@Acme"});
  b.Reply("5", "201", "2024-03-04T10:30:00Z", "4", {.text = "thanks", .handle = "@sam"});
  b.Reply("6", "202", "2024-03-04T10:31:00Z", "5", {.text = "same here", .handle = "@kim"});
  b.Share("7", "203", "2024-03-04T11:00:00Z", "1", {.handle = "@lee"});
  return b;
}

}  // namespace rapport::test
