// PNG in and out through libstb (Debian ships the implementations in libstb.so).
#include <stb_image.h>
#include <stb_image_write.h>

#include "Backend.hpp"

namespace jiceng::platform {

void write_png(const std::string& path, const Image& image) {
  if (image.width <= 0 || image.height <= 0 ||
      !stbi_write_png(path.c_str(), image.width, image.height, 4, image.rgba.data(), image.width * 4))
    throw PlatformError(PlatformError::Code::ImageWrite, path);
}

Image read_png(const std::string& path) {
  Image img;
  int channels = 0;
  unsigned char* data = stbi_load(path.c_str(), &img.width, &img.height, &channels, 4);
  if (!data) return Image{};
  img.rgba.assign(data, data + size_t(img.width) * img.height * 4);
  stbi_image_free(data);
  return img;
}

}  // namespace jiceng::platform
