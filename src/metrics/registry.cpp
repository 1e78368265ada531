// The metric families, in catalogue order. Adding a family: one file in this folder
// and one line here.
#include "metrics/family.h"

namespace rapport {

std::unique_ptr<MetricFamily> MakeExposure();        // E1 exposure.cpp
std::unique_ptr<MetricFamily> MakeResponsiveness();  // E2 responsiveness.cpp
std::unique_ptr<MetricFamily> MakeDialogue();        // E3 dialogue.cpp
std::unique_ptr<MetricFamily> MakeVoices();          // E4 voices.cpp
std::unique_ptr<MetricFamily> MakeAmplification();   // E5 amplification.cpp
std::unique_ptr<MetricFamily> MakeBrandHealth();     // E6 brand_health.cpp
std::unique_ptr<MetricFamily> MakeRelationship();    // E9 relationship.cpp
std::unique_ptr<MetricFamily> MakePresence();        // E10 presence.cpp
std::unique_ptr<MetricFamily> MakeExpectations();    // E11 expectations.cpp

const std::vector<std::unique_ptr<MetricFamily>>& AllFamilies() {
  static const auto* families = [] {
    auto* v = new std::vector<std::unique_ptr<MetricFamily>>();
    v->push_back(MakeExposure());
    v->push_back(MakeResponsiveness());
    v->push_back(MakeDialogue());
    v->push_back(MakeVoices());
    v->push_back(MakeAmplification());
    v->push_back(MakeBrandHealth());
    v->push_back(MakeRelationship());
    v->push_back(MakePresence());
    v->push_back(MakeExpectations());
    return v;
  }();
  return *families;
}

unsigned TextSignalsRead() {
  unsigned read = 0;
  for (const auto& f : AllFamilies()) read |= f->text_signals();
  return read;
}

}  // namespace rapport
