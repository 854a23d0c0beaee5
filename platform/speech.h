// Read aloud (issue 18.1): text synthesised offline by espeak-ng into memory, in English or
// Welsh, and played through an audio sink (SDL audio on the tablet; tests capture it).
//
// One speaker for the whole app. say() hands the text to a worker that synthesises it, so a
// long prompt never stalls a frame; stop() silences what is playing and drops what is still
// being made (the child moved on). Only the content's own words are given to it: the child's
// typed words never are (the callers' rule, checked by ctest -R child.read_aloud).
#pragma once

#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace heard::platform {

// Where synthesised speech goes. play() replaces anything still playing.
class AudioSink {
public:
    virtual ~AudioSink() = default;
    virtual void play(const std::vector<int16_t>& samples, int sampleRate, const std::string& text) = 0;
    virtual void stop() = 0;
};

// SDL audio: one output device opened on first use (16-bit mono at espeak's rate). A device
// that cannot open leaves the app silent, never stopped.
class SdlAudioSink : public AudioSink {
public:
    ~SdlAudioSink() override;
    void play(const std::vector<int16_t>& samples, int sampleRate, const std::string& text) override;
    void stop() override;

private:
    unsigned m_device = 0;
    int m_rate = 0;
    bool m_failed = false;
};

class Speech {
public:
    Speech();
    ~Speech();
    Speech(const Speech&) = delete;
    Speech& operator=(const Speech&) = delete;

    // Synthesises text now, on the calling thread, in language ("en", "cy"; anything else: "en"):
    // 16-bit mono samples at sampleRate(). Empty when espeak-ng or its voice is missing.
    std::vector<int16_t> synthesise(const std::string& text, const std::string& language);
    int sampleRate();
    // Says text on the worker, in place of anything said before. Empty text says nothing.
    void say(const std::string& text, const std::string& language);
    void stop();
    // The sink (null: the SDL sink). Tests put a recording sink here.
    void setSink(std::shared_ptr<AudioSink> sink);
    // Waits until the worker has nothing left to synthesise (tests).
    void waitUntilIdle();

private:
    void work();
    std::shared_ptr<AudioSink> sink();
    std::mutex m_mutex;
    std::condition_variable m_wake, m_idle;
    std::string m_text, m_language;
    bool m_pending = false, m_busy = false, m_quit = false;
    uint64_t m_generation = 0;
    std::shared_ptr<AudioSink> m_sink;
    std::thread m_worker;
};

// The app's one speaker.
Speech& speech();

} // namespace heard::platform
