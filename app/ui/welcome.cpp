#include "app/ui/welcome.h"

#include "sync/private_file.h"

#include <filesystem>

namespace heard::ui {

std::string welcomeMarkerPath(const std::string& dataDir) {
    return dataDir + "/welcome-seen";
}

bool welcomeDismissed(const std::string& dataDir) {
    std::error_code ec;
    return std::filesystem::exists(welcomeMarkerPath(dataDir), ec);
}

void rememberWelcomeDismissed(const std::string& dataDir) {
    sync::writePrivateFile(welcomeMarkerPath(dataDir), "The first-run welcome was read on this tablet.\n");
}

} // namespace heard::ui
