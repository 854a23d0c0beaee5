// Error: the one way storage/, sync/ and server/ report a failure.
//
// Every error has a short stable code for programs, logs and tests ("json_too_deep",
// "WrongPassphrase", "protocol") and a message for people (what()). Layers derive their own
// typed errors from it (storage::StoreError adds a kind and SQLite's code, sync::ProtocolError,
// server::ServerStoreError, base::JsonError), so one `catch (const base::Error&)` at an edge
// sees them all. Nothing here ever carries record content.
#pragma once

#include <stdexcept>
#include <string>

namespace heard::base {

class Error : public std::runtime_error {
public:
    Error(std::string code, const std::string& message);

    // Short, stable, machine-readable; never shown to a practitioner as it is.
    const std::string& code() const { return m_code; }

private:
    std::string m_code;
};

} // namespace heard::base
