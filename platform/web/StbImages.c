// stb's PNG reader and writer for the browser build (the desktop links Debian's libstb.so, which
// holds these implementations). Only the screenshot path uses them.
#define STB_IMAGE_IMPLEMENTATION
#define STB_IMAGE_WRITE_IMPLEMENTATION
#define STBI_ONLY_PNG
#include <stb_image.h>
#include <stb_image_write.h>
