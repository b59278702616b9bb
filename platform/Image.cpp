// PNG in and out through libstb (Debian ships the implementations in libstb.so).
#include <stb_image.h>
#include <stb_image_write.h>

#include <cstring>

#include "Backend.hpp"

namespace jiceng::platform {

void write_png(const std::string& path, const Image& image) {
  if (image.width <= 0 || image.height <= 0 ||
      !stbi_write_png(path.c_str(), image.width, image.height, 4, image.rgba.data(), image.width * 4))
    throw PlatformError(PlatformError::Code::ImageWrite, path);
}

void flip_rows(Image& img) {
  const size_t stride = size_t(img.width) * 4;
  std::vector<uint8_t> row(stride);
  for (int y = 0; y < img.height / 2; ++y) {
    uint8_t* a = img.rgba.data() + y * stride;
    uint8_t* b = img.rgba.data() + (img.height - 1 - y) * stride;
    std::memcpy(row.data(), a, stride);
    std::memcpy(a, b, stride);
    std::memcpy(b, row.data(), stride);
  }
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
