#include "app/model/record_fields.h"

#include <algorithm>
#include <cmath>

#include <cctype>

namespace heard::model {

bool isBlank(const std::string& text) {
    for (unsigned char c : text)
        if (!std::isspace(c)) return false;
    return true;
}

std::vector<std::string> missingFields(const std::vector<FieldSpec>& specs, const nlohmann::json& fields) {
    std::vector<std::string> missing;
    for (const FieldSpec& spec : specs) {
        const auto it = fields.find(spec.key);
        if (it == fields.end() || !it->is_string() || isBlank(it->get<std::string>()))
            missing.push_back(spec.label);
    }
    return missing;
}

bool isRealSignature(const std::vector<std::vector<float>>& strokes) {
    // Length along the strokes, in pad widths (a height is about 0.31 of a width), plus the
    // width the marks span: a tap wobbles a few hundredths; a signature spans far more.
    constexpr float kHeightPerWidth = 1.0f / 3.25f;
    double length = 0;
    float minX = 1, maxX = 0;
    for (const auto& stroke : strokes)
        for (size_t i = 0; i + 1 < stroke.size(); i += 2) {
            minX = std::min(minX, stroke[i]);
            maxX = std::max(maxX, stroke[i]);
            if (i >= 2) {
                const double dx = stroke[i] - stroke[i - 2];
                const double dy = (stroke[i + 1] - stroke[i - 1]) * kHeightPerWidth;
                length += std::sqrt(dx * dx + dy * dy);
            }
        }
    return length >= 0.12 && maxX - minX >= 0.06;
}

const char* signatureProblem(const std::vector<std::vector<float>>& strokes) {
    if (strokes.empty()) return N_("Your signature");
    if (!isRealSignature(strokes))
        return N_("Your signature: a dot or a tap is not a signature; sign with your finger");
    return nullptr;
}

} // namespace heard::model
