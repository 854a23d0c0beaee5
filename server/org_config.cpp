#include "server/org_config.h"

#include "sync/protocol_org.h"

#include <qrencode.h>

#include <fstream>
#include <memory>
#include <ostream>
#include <sstream>
#include <stdexcept>

namespace heard::server {

std::string spkiSha256Hex(const std::string& pem) {
    // The one copy is the tablet's (sync/certificate_pin.h): both sides must compute the same pin.
    std::string spki = sync::spkiSha256OfPem(pem);
    if (spki.empty()) throw std::runtime_error("the CA file holds no PEM certificate");
    return spki;
}

namespace {

// The code as a QR code drawn with Unicode half blocks, two modules per character cell, dark on
// light with the 4-module quiet zone (so a phone or tablet camera can read it off a terminal).
std::string qrText(const std::string& code) {
    std::unique_ptr<QRcode, decltype(&QRcode_free)> qr(QRcode_encodeString8bit(code.c_str(), 0, QR_ECLEVEL_L),
                                                       &QRcode_free);
    if (!qr)
        throw std::runtime_error("the enrolment code is too long for a QR code: give the tablet the file");
    const int size = qr->width, quiet = 4;
    auto dark = [&](int x, int y) {
        return x >= 0 && y >= 0 && x < size && y < size && (qr->data[y * size + x] & 1);
    };
    std::string out;
    for (int y = -quiet; y < size + quiet; y += 2) {
        for (int x = -quiet; x < size + quiet; ++x) {
            const bool top = dark(x, y), bottom = dark(x, y + 1);
            // Light modules are drawn as blocks, dark ones left as the (dark) terminal background.
            out += !top && !bottom ? "\u2588" : !top ? "\u2580" : !bottom ? "\u2584" : " ";
        }
        out += '\n';
    }
    return out;
}

} // namespace

nlohmann::json organisationConfig(const std::string& host, int port, const std::string& caPem) {
    return {{"format", sync::kOrgConfigFormat},
            {"server", host},
            {"port", port},
            {"caSpkiSha256", spkiSha256Hex(caPem)},
            {"caPem", caPem}};
}

int runEnrolmentConfigCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    std::string host, caPath;
    int port = 0;
    bool code = false, qr = false;
    std::vector<std::string> pairs;
    for (const auto& arg : args) {
        if (arg == "--code")
            code = true;
        else if (arg == "--qr")
            qr = true;
        else
            pairs.push_back(arg);
    }
    for (std::size_t i = 0; i + 1 < pairs.size(); i += 2) {
        const auto& args = pairs;
        if (args[i] == "--host")
            host = args[i + 1];
        else if (args[i] == "--port")
            port = std::atoi(args[i + 1].c_str());
        else if (args[i] == "--ca")
            caPath = args[i + 1];
        else
            host.clear(); // unknown flag: usage below
    }
    if (pairs.size() % 2 != 0 || host.empty() || caPath.empty() || port <= 0 || port > 65535) {
        err << "usage: heard-server admin enrolment-config --host <server name> --port <1-65535> --ca <CA "
               "certificate PEM> [--code] [--qr]\n"
               "  prints the organisation configuration (JSON) for tablets; --code prints it as an "
               "enrolment\n"
               "  code a practitioner can paste; --qr also draws that code as a QR code\n";
        return 2;
    }
    std::ifstream file(caPath, std::ios::binary);
    if (!file) {
        err << "cannot read " << caPath << '\n';
        return 1;
    }
    std::stringstream pem;
    pem << file.rdbuf();
    try {
        const std::string json = organisationConfig(host, port, pem.str()).dump();
        if (!code && !qr) {
            out << json << '\n';
            return 0;
        }
        const std::string text = sync::enrolmentCode(json);
        if (qr) out << qrText(text) << '\n';
        out << text << '\n';
        return 0;
    } catch (const std::exception& e) {
        err << "enrolment-config failed: " << e.what() << '\n';
        return 1;
    }
}

} // namespace heard::server
