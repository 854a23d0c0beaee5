#include "platform/ui_tags.h"

#include <algorithm>

namespace heard::platform {

TagRegistry& TagRegistry::instance() {
    static TagRegistry s_registry;
    return s_registry;
}

void TagRegistry::set(const std::string& tag, float x0, float y0, float x1, float y1, unsigned scrollWindow) {
    TagRect& rect = m_rects[tag];
    rect = TagRect{x0, y0, x1, y1, m_frame, scrollWindow};
}

void TagRegistry::set(const std::string& tag, const TagRect& rect) {
    TagRect& stored = m_rects[tag];
    stored = rect;
    stored.frame = m_frame;
}

void TagRegistry::markField(const std::string& tag) {
    auto it = m_rects.find(tag);
    if (it != m_rects.end() && it->second.frame == m_frame) it->second.field = true;
}

const TagRect* TagRegistry::find(const std::string& tag) const {
    auto it = m_rects.find(tag);
    // Between frames m_frame is the frame just drawn: only its tags are on screen.
    if (it == m_rects.end() || it->second.frame != m_frame) return nullptr;
    return &it->second;
}

std::vector<std::string> TagRegistry::visibleTags() const {
    std::vector<std::string> tags;
    for (const auto& [name, rect] : m_rects)
        if (rect.frame == m_frame) tags.push_back(name);
    std::sort(tags.begin(), tags.end());
    return tags;
}

} // namespace heard::platform
