#pragma once
/// How `mltrl` reports: problems on stderr as "mltrl: error: WHERE: WHAT", results on stdout.
#include "common/Problems.h"

#include <string_view>

namespace mltrl::cli {

void printProblems(const Problems &problems);
void printError(std::string_view message);

} // namespace mltrl::cli
