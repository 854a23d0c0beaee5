// A list of cited evidence, shared by every analysis that cites the record (the conflict
// analysis, issue 7, and the child impact analysis, issue 16): citing the same thing twice is a
// no-op, and citations keep the order they were made in (the reports number them that way).
#pragma once

#include <algorithm>
#include <vector>

namespace heard::model {

// Adds c once; false when it was already cited.
template <class Citation> bool citeOnce(std::vector<Citation>& list, const Citation& c) {
    if (std::find(list.begin(), list.end(), c) != list.end()) return false;
    list.push_back(c);
    return true;
}

// Removes c; false when it was not cited.
template <class Citation> bool removeCitation(std::vector<Citation>& list, const Citation& c) {
    const auto it = std::find(list.begin(), list.end(), c);
    if (it == list.end()) return false;
    list.erase(it);
    return true;
}

} // namespace heard::model
