#include "platform/speech.h"

#include <SDL.h>
#include <espeak-ng/speak_lib.h>

#include <cstdio>

namespace heard::platform {

namespace {

// espeak-ng is one global engine: every call goes through this lock.
std::mutex& engineMutex() {
    static std::mutex s_mutex;
    return s_mutex;
}
int s_rate = 0;                        // 0: not initialised; -1: espeak-ng failed to start
std::string s_voice;                   // the voice set now
std::vector<int16_t>* s_out = nullptr; // where the callback appends (under engineMutex)

int collect(short* wav, int count, espeak_EVENT* /*events*/) {
    if (wav && count > 0 && s_out) s_out->insert(s_out->end(), wav, wav + count);
    return 0; // go on
}

bool ensureEngine() {
    if (s_rate == 0) {
        // Synchronous: espeak_Synth returns when the text is made, every sample through collect().
        const int rate = espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 0, nullptr, espeakINITIALIZE_DONT_EXIT);
        s_rate = rate > 0 ? rate : -1;
        if (s_rate > 0)
            espeak_SetSynthCallback(collect);
        else
            std::fprintf(stderr, "heard: read aloud is off (espeak-ng did not start)\n");
    }
    return s_rate > 0;
}

} // namespace

// [SECTION] SDL sink

SdlAudioSink::~SdlAudioSink() {
    if (m_device) SDL_CloseAudioDevice(m_device);
}

void SdlAudioSink::play(const std::vector<int16_t>& samples, int sampleRate, const std::string& /*text*/) {
    if (m_failed || samples.empty()) return;
    if (m_device && m_rate != sampleRate) {
        SDL_CloseAudioDevice(m_device);
        m_device = 0;
    }
    if (!m_device) {
        if (!SDL_WasInit(SDL_INIT_AUDIO) && SDL_InitSubSystem(SDL_INIT_AUDIO) != 0) {
            m_failed = true;
            return;
        }
        SDL_AudioSpec want{};
        want.freq = sampleRate;
        want.format = AUDIO_S16SYS;
        want.channels = 1;
        want.samples = 2048;
        m_device = SDL_OpenAudioDevice(nullptr, 0, &want, nullptr, 0);
        if (!m_device) {
            std::fprintf(stderr, "heard: no audio output (%s)\n", SDL_GetError());
            m_failed = true;
            return;
        }
        m_rate = sampleRate;
    }
    SDL_ClearQueuedAudio(m_device);
    SDL_QueueAudio(m_device, samples.data(), Uint32(samples.size() * sizeof(int16_t)));
    SDL_PauseAudioDevice(m_device, 0);
}

void SdlAudioSink::stop() {
    if (m_device) SDL_ClearQueuedAudio(m_device);
}

// [SECTION] the speaker

Speech::Speech() : m_worker([this] { work(); }) {}

Speech::~Speech() {
    {
        std::lock_guard<std::mutex> guard(m_mutex);
        m_quit = true;
    }
    m_wake.notify_all();
    m_worker.join();
}

int Speech::sampleRate() {
    std::lock_guard<std::mutex> guard(engineMutex());
    return ensureEngine() ? s_rate : 0;
}

std::vector<int16_t> Speech::synthesise(const std::string& text, const std::string& language) {
    std::vector<int16_t> samples;
    if (text.empty()) return samples;
    std::lock_guard<std::mutex> guard(engineMutex());
    if (!ensureEngine()) return samples;
    const std::string voice = language == "cy" ? "cy" : "en";
    if (voice != s_voice) {
        if (espeak_SetVoiceByName(voice.c_str()) != EE_OK) return samples;
        s_voice = voice;
    }
    s_out = &samples;
    espeak_Synth(text.c_str(), text.size() + 1, 0, POS_CHARACTER, 0, espeakCHARS_UTF8, nullptr, nullptr);
    s_out = nullptr;
    return samples;
}

void Speech::say(const std::string& text, const std::string& language) {
    if (text.empty()) return;
    {
        std::lock_guard<std::mutex> guard(m_mutex);
        m_text = text;
        m_language = language;
        m_pending = true;
        ++m_generation;
    }
    m_wake.notify_all();
}

void Speech::stop() {
    std::shared_ptr<AudioSink> out;
    {
        std::lock_guard<std::mutex> guard(m_mutex);
        m_pending = false;
        ++m_generation; // what the worker is making now is dropped when it is made
        out = m_sink;
    }
    if (out) out->stop();
}

void Speech::setSink(std::shared_ptr<AudioSink> sink) {
    std::lock_guard<std::mutex> guard(m_mutex);
    m_sink = std::move(sink);
}

std::shared_ptr<AudioSink> Speech::sink() {
    std::lock_guard<std::mutex> guard(m_mutex);
    if (!m_sink) m_sink = std::make_shared<SdlAudioSink>();
    return m_sink;
}

void Speech::waitUntilIdle() {
    std::unique_lock<std::mutex> lock(m_mutex);
    m_idle.wait(lock, [this] { return !m_pending && !m_busy; });
}

void Speech::work() {
    std::unique_lock<std::mutex> lock(m_mutex);
    for (;;) {
        m_wake.wait(lock, [this] { return m_quit || m_pending; });
        if (m_quit) return;
        const std::string text = m_text, language = m_language;
        const uint64_t generation = m_generation;
        m_pending = false;
        m_busy = true;
        lock.unlock();
        // Nothing may escape a worker: a failure is silence, never an ended app.
        try {
            std::vector<int16_t> samples = synthesise(text, language);
            std::shared_ptr<AudioSink> out = sink();
            bool current;
            {
                std::lock_guard<std::mutex> guard(m_mutex);
                current = generation == m_generation;
            }
            if (current && !samples.empty()) out->play(samples, sampleRate(), text);
        } catch (...) {
        }
        lock.lock();
        m_busy = false;
        if (!m_pending) m_idle.notify_all();
    }
}

Speech& speech() {
    static Speech s_speech;
    return s_speech;
}

} // namespace heard::platform
