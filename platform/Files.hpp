#pragma once
// Moving files between the app and the person using it. On the desktop the app reads and writes a
// folder the person chose (a USB stick, a shared folder); in the browser there are no folders to
// see: a file the app wrote is offered as a download, and files come in through the browser's file
// picker, copied into the app's own storage before the app reads them.
#include <string>
#include <vector>

namespace jiceng::platform {

// True where files arrive through a picker and leave as downloads (the browser), false where the
// app reads and writes ordinary folders (desktop).
bool files_through_browser();

// Hands a file the app wrote to the person: the browser downloads it under `name`. On the desktop
// the file already is where the person chose, and this does nothing.
void offer_download(const std::string& path, const std::string& name);

// Opens the browser's file picker (files ending in `extension`, e.g. ".json"; several allowed).
// The chosen files arrive a few frames later through take_picked_files(). Nothing on the desktop.
void pick_files(const std::string& extension);
// Paths (inside the app's storage) of files picked since the last call; each is returned once and
// the caller may delete it after reading.
std::vector<std::string> take_picked_files();

// A folder for files made only to be handed over (exports before their download).
std::string scratch_dir();

}  // namespace jiceng::platform
