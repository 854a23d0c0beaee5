// Writing figures (issue 13): the word-wrapping text area with a 5,000-character note, per
// frame, against ImGui::TextWrapped of the same text in a window of the same width, measured in
// the same run. "typing" changes one character every frame, so the whole note is laid out again
// each time (the worst case: a key pressed in a long note); "still" is a frame with nothing
// changed (the layout is cached behind a fingerprint of the text).
#include "bench/bench.h"

#include "app/ui/kit/text_area.h"
#include "app/ui/kit/theme.h"
#include "app/ui/kit/widgets.h"

#include <imgui.h>

#include <cstdio>
#include <cstdlib>

namespace heard::bench {
namespace {

std::string fictionalNote(size_t characters) {
    const char* sentences[] = {
        "The child showed me the garden and the d\xC5\xB5r in the pond. ",
        "Mae hi'n hoffi'r t\xC5\xB7 newydd, meddai hi wrth y gweithiwr. ",
        "She drew her family at the kitchen table and talked about school and her friends. ",
        "Roedd hi'n h\xC3\xA2pus i siarad am ei ffrindiau a'i chath. \xF0\x9F\x98\x80 ",
    };
    std::string note;
    size_t count = 0;
    for (size_t i = 0; count < characters; ++i) {
        const std::string s = sentences[i % 4];
        for (size_t p = 0; p < s.size() && count < characters; p = ui::text::nextChar(s, p), ++count)
            note.append(s, p, ui::text::nextChar(s, p) - p);
    }
    return note;
}

class Measure : public ui::text::GlyphMetrics {
public:
    explicit Measure(ImFont* font) : m_font(font) {}
    float advance(char32_t c) const override {
        return c < 0x10000 ? m_font->GetCharAdvance(ImWchar(c)) : m_font->FontSize * 0.62f;
    }

private:
    ImFont* m_font;
};

void writingFrames(const Options& options) {
    setenv("SDL_VIDEODRIVER", "dummy", 1);
    platform::WindowOptions windowOptions;
    windowOptions.scale = 1.0f;
    windowOptions.styleBuilder = ui::buildStyle;
    std::string error;
    auto window = platform::Window::create(windowOptions, error);
    if (!window) {
        std::fprintf(stderr, "bench writing: %s\n", error.c_str());
        std::exit(1);
    }
    const std::string base = fictionalNote(5000);
    std::string note = base;
    const int frames = options.quick ? 30 : 400;
    const ImVec2 size(900, 700);
    std::vector<double> typingMs, stillMs, wrappedMs, layoutMs;
    auto frame = [&](const char* name, auto body) {
        window->beginFrame();
        ui::setFrameContext(window->scale(), window->fonts());
        ImGui::SetNextWindowPos(ImVec2(0, 0));
        ImGui::SetNextWindowSize(size);
        ImGui::Begin(name, nullptr, ImGuiWindowFlags_NoDecoration);
        const auto start = std::chrono::steady_clock::now();
        body();
        const double ms = secondsSince(start) * 1000.0;
        ImGui::End();
        ImGui::EndFrame();
        window->endFrame();
        return ms;
    };
    ui::TextAreaOptions areaOptions;
    areaOptions.maxLines = 14;
    for (int i = 0; i < 5; ++i)
        frame("##warm", [&] { ui::textArea("bench.note", note, areaOptions); });
    for (int i = 0; i < frames; ++i) {
        note[note.size() / 2] = (i % 2) ? 'a' : 'b'; // a key pressed in the middle of the note
        typingMs.push_back(frame("##area", [&] { ui::textArea("bench.note", note, areaOptions); }));
        stillMs.push_back(frame("##area", [&] { ui::textArea("bench.note", note, areaOptions); }));
        wrappedMs.push_back(frame("##wrapped", [&] { ImGui::TextWrapped("%s", note.c_str()); }));
        const Measure measure(window->fonts().body);
        const auto start = std::chrono::steady_clock::now();
        const ui::text::Layout layout = ui::text::layoutText(note, 860, measure);
        layoutMs.push_back(secondsSince(start) * 1000.0);
        if (layout.lines.empty()) std::exit(1);
    }
    report("writing.note_chars", 5000, "characters");
    report("writing.text_area_typing_p95_ms", percentile(typingMs, 95), "ms");
    report("writing.text_area_still_p95_ms", percentile(stillMs, 95), "ms");
    report("writing.layout_only_p95_ms", percentile(layoutMs, 95), "ms");
    report("writing.text_wrapped_p95_ms", percentile(wrappedMs, 95), "ms");
    report("writing.typing_vs_text_wrapped_ratio", percentile(typingMs, 95) / percentile(wrappedMs, 95), "x");
    report("writing.still_vs_text_wrapped_ratio", percentile(stillMs, 95) / percentile(wrappedMs, 95), "x");
    ui::wipeTextAreas();
}

} // namespace

HEARD_BENCH_GROUP("writing.text_area", writingFrames);

} // namespace heard::bench
