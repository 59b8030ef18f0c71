// BallotScan native shim. SPDX-License-Identifier: AGPL-3.0-or-later
// Thin C ABI over OpenCV, zxing-cpp, libtiff, libjpeg and FreeType. All logic stays in C#; this file only calls the engines.
// Every entry point goes through Guard(), which turns any C++ exception into a status code and a message.
#define ZX_USE_UTF8 1

#include "ballotscan_native.h"

#include <opencv2/core.hpp>
#include <opencv2/core/utils/logger.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <ZXing/BitMatrix.h>
#include <ZXing/MultiFormatWriter.h>
#include <ZXing/ReadBarcode.h>
#include <ZXing/ZXVersion.h>

#include <tiffio.h>

#include <csetjmp>
#include <jpeglib.h>

#include <ft2build.h>
#include FT_FREETYPE_H

#include <algorithm>
#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>
#include <new>
#include <stdexcept>
#include <string>
#include <vector>

struct bs_image {
    cv::Mat mat;
};

// libjpeg reports a fatal error by calling error_exit, which must not return: it jumps back to the setjmp of the entry
// point that called into libjpeg. Warnings (damaged data libjpeg goes on from) are counted, not printed.
struct JpegErrors {
    jpeg_error_mgr manager;
    std::jmp_buf jump;
    char message[JMSG_LENGTH_MAX];
};

struct bs_jpeg_rows {
    jpeg_decompress_struct info;
    JpegErrors errors;
    cv::Mat mat;  // shares its pixels (reference-counted) with the bs_image handed out
    bool created = false;
};

namespace {

thread_local std::string g_last_error;

struct Failure : std::runtime_error {
    int status;
    Failure(int s, const std::string& message) : std::runtime_error(message), status(s) {}
};

[[noreturn]] void Fail(int status, const std::string& message) { throw Failure(status, message); }

template <typename F>
int Guard(const char* where, F&& body) noexcept {
    try {
        g_last_error.clear();
        body();
        return BS_OK;
    } catch (const Failure& f) {
        g_last_error = f.what();
        return f.status;
    } catch (const std::bad_alloc&) {
        g_last_error = std::string(where) + ": out of memory";
        return BS_OUT_OF_MEMORY;
    } catch (const cv::Exception& e) {
        g_last_error = std::string(where) + ": " + e.msg;
        return e.code == cv::Error::StsNoMem ? BS_OUT_OF_MEMORY : BS_INTERNAL;
    } catch (const std::exception& e) {
        g_last_error = std::string(where) + ": " + e.what();
        return BS_INTERNAL;
    } catch (...) {
        g_last_error = std::string(where) + ": unknown native error";
        return BS_INTERNAL;
    }
}

const cv::Mat& MatOf(const bs_image* image) {
    if (image == nullptr || image->mat.empty()) Fail(BS_INVALID_ARGUMENT, "no image");
    return image->mat;
}

bs_image* Wrap(cv::Mat mat) {
    if (mat.type() != CV_8UC1) Fail(BS_INTERNAL, "result is not an 8-bit single-channel image");
    if (!mat.isContinuous()) mat = mat.clone();
    return new bs_image{std::move(mat)};
}

void Require(bool condition, const char* message) {
    if (!condition) Fail(BS_INVALID_ARGUMENT, message);
}

// ---- one-time engine set-up --------------------------------------------------------------------------------------

thread_local std::string g_tiff_error;

void TiffErrorHandler(const char* module, const char* format, va_list args) {
    char buffer[512];
    vsnprintf(buffer, sizeof buffer, format, args);
    g_tiff_error = (module != nullptr ? std::string(module) + ": " : std::string()) + buffer;
}

struct EngineSetUp {
    EngineSetUp() {
        // The caller parallelises across sheets; OpenCV's own thread pool would only oversubscribe the cores.
        cv::setNumThreads(1);
        cv::utils::logging::setLogLevel(cv::utils::logging::LOG_LEVEL_SILENT);
        TIFFSetErrorHandler(TiffErrorHandler);
        TIFFSetWarningHandler(nullptr);
    }
};
const EngineSetUp g_setup;

// ---- TIFF through libtiff on memory buffers --------------------------------------------------------------------

struct MemoryFile {
    const uint8_t* data = nullptr;
    std::vector<uint8_t>* sink = nullptr;  // set when writing
    toff_t size = 0;
    toff_t position = 0;
};

tsize_t MemRead(thandle_t h, tdata_t buffer, tsize_t count) {
    auto* f = static_cast<MemoryFile*>(h);
    if (f->position >= f->size) return 0;
    auto n = static_cast<tsize_t>(std::min<toff_t>(static_cast<toff_t>(count), f->size - f->position));
    const uint8_t* source = f->sink != nullptr ? f->sink->data() : f->data;
    std::memcpy(buffer, source + f->position, static_cast<size_t>(n));
    f->position += static_cast<toff_t>(n);
    return n;
}

tsize_t MemWrite(thandle_t h, tdata_t buffer, tsize_t count) {
    auto* f = static_cast<MemoryFile*>(h);
    if (f->sink == nullptr) return 0;
    auto end = f->position + static_cast<toff_t>(count);
    if (end > f->sink->size()) f->sink->resize(static_cast<size_t>(end));
    std::memcpy(f->sink->data() + f->position, buffer, static_cast<size_t>(count));
    f->position = end;
    f->size = std::max(f->size, end);
    return count;
}

toff_t MemSeek(thandle_t h, toff_t offset, int whence) {
    auto* f = static_cast<MemoryFile*>(h);
    toff_t base = whence == SEEK_CUR ? f->position : whence == SEEK_END ? f->size : 0;
    f->position = base + offset;
    return f->position;
}

int MemClose(thandle_t) { return 0; }
toff_t MemSize(thandle_t h) { return static_cast<MemoryFile*>(h)->size; }
int MemMap(thandle_t, tdata_t*, toff_t*) { return 0; }
void MemUnmap(thandle_t, tdata_t, toff_t) {}

struct TiffCloser {
    void operator()(TIFF* t) const { TIFFClose(t); }
};
using TiffPtr = std::unique_ptr<TIFF, TiffCloser>;

TiffPtr OpenTiff(MemoryFile& file, const char* mode) {
    g_tiff_error.clear();
    TIFF* t = TIFFClientOpen("image", mode, &file, MemRead, MemWrite, MemSeek, MemClose, MemSize, MemMap, MemUnmap);
    if (t == nullptr) Fail(BS_DECODE_FAILED, "TIFF: " + (g_tiff_error.empty() ? std::string("cannot open") : g_tiff_error));
    return TiffPtr(t);
}

cv::Mat DecodeTiffPage(const uint8_t* data, size_t length, int page) {
    MemoryFile file;
    file.data = data;
    file.size = length;
    TiffPtr tiff = OpenTiff(file, "rm");
    if (!TIFFSetDirectory(tiff.get(), static_cast<tdir_t>(page)))
        Fail(BS_INVALID_ARGUMENT, "TIFF: the file has no page " + std::to_string(page + 1));
    uint32_t width = 0, height = 0;
    uint16_t bits = 1, samples = 1, photometric = PHOTOMETRIC_MINISWHITE, planar = PLANARCONFIG_CONTIG;
    TIFFGetField(tiff.get(), TIFFTAG_IMAGEWIDTH, &width);
    TIFFGetField(tiff.get(), TIFFTAG_IMAGELENGTH, &height);
    TIFFGetFieldDefaulted(tiff.get(), TIFFTAG_BITSPERSAMPLE, &bits);
    TIFFGetFieldDefaulted(tiff.get(), TIFFTAG_SAMPLESPERPIXEL, &samples);
    TIFFGetFieldDefaulted(tiff.get(), TIFFTAG_PLANARCONFIG, &planar);
    if (!TIFFGetField(tiff.get(), TIFFTAG_PHOTOMETRIC, &photometric)) photometric = PHOTOMETRIC_MINISWHITE;
    if (width == 0 || height == 0) Fail(BS_DECODE_FAILED, "TIFF: the page has no size");

    cv::Mat gray(static_cast<int>(height), static_cast<int>(width), CV_8UC1);
    const bool simple_gray = samples == 1 && (bits == 1 || bits == 8) && !TIFFIsTiled(tiff.get()) &&
                             (photometric == PHOTOMETRIC_MINISWHITE || photometric == PHOTOMETRIC_MINISBLACK);
    if (simple_gray) {
        std::vector<uint8_t> line(static_cast<size_t>(TIFFScanlineSize(tiff.get())));
        const bool white_is_zero = photometric == PHOTOMETRIC_MINISWHITE;
        // A bilevel row's bytes are eight pixels each (the first in the high bit): each byte's eight gray pixels looked up.
        uint8_t eight[256][8];
        for (int v = 0; v < 256; ++v)
            for (int k = 0; k < 8; ++k) eight[v][k] = (((v >> (7 - k)) & 1) != white_is_zero) ? 255 : 0;
        for (uint32_t y = 0; y < height; ++y) {
            if (TIFFReadScanline(tiff.get(), line.data(), y, 0) < 0)
                Fail(BS_DECODE_FAILED, "TIFF: cannot read row " + std::to_string(y) + ": " + g_tiff_error);
            uint8_t* row = gray.ptr<uint8_t>(static_cast<int>(y));
            if (bits == 8) {
                if (white_is_zero) {
                    for (uint32_t x = 0; x < width; ++x) row[x] = static_cast<uint8_t>(255 - line[x]);
                } else {
                    std::memcpy(row, line.data(), width);
                }
            } else {
                const uint32_t whole = width / 8;
                for (uint32_t i = 0; i < whole; ++i) std::memcpy(row + 8 * i, eight[line[i]], 8);
                for (uint32_t x = whole * 8; x < width; ++x) row[x] = eight[line[x >> 3]][x & 7];
            }
        }
        return gray;
    }
    std::vector<uint32_t> rgba(static_cast<size_t>(width) * height);
    if (!TIFFReadRGBAImageOriented(tiff.get(), width, height, rgba.data(), ORIENTATION_TOPLEFT, 0))
        Fail(BS_DECODE_FAILED, "TIFF: " + (g_tiff_error.empty() ? std::string("cannot decode the page") : g_tiff_error));
    for (uint32_t y = 0; y < height; ++y) {
        uint8_t* row = gray.ptr<uint8_t>(static_cast<int>(y));
        const uint32_t* source = rgba.data() + static_cast<size_t>(y) * width;
        for (uint32_t x = 0; x < width; ++x) {
            uint32_t p = source[x];
            row[x] = static_cast<uint8_t>((299 * TIFFGetR(p) + 587 * TIFFGetG(p) + 114 * TIFFGetB(p) + 500) / 1000);
        }
    }
    return gray;
}

// "LIBTIFF, Version 4.5.0\nCopyright ..." -> "4.5.0"
std::string TiffVersion() {
    std::string v = TIFFGetVersion();
    v = v.substr(0, v.find('\n'));
    auto at = v.find("Version ");
    return at == std::string::npos ? v : v.substr(at + 8);
}

bool IsTiff(const uint8_t* d, size_t n) {
    return n >= 4 && ((d[0] == 'I' && d[1] == 'I' && d[2] == 42 && d[3] == 0) || (d[0] == 'M' && d[1] == 'M' && d[2] == 0 && d[3] == 42));
}

// ---- FreeType faces, one cache per thread (FT_Library is not thread-safe) -----------------------------------------

struct FontCache {
    FT_Library library = nullptr;
    std::map<std::pair<std::string, int>, FT_Face> faces;
    FontCache() {
        if (FT_Init_FreeType(&library) != 0) library = nullptr;
    }
    ~FontCache() {
        for (auto& entry : faces) FT_Done_Face(entry.second);
        if (library != nullptr) FT_Done_FreeType(library);
    }
    FT_Face Face(const std::string& path, int index) {
        if (library == nullptr) Fail(BS_INTERNAL, "FreeType could not start");
        auto key = std::make_pair(path, index);
        auto found = faces.find(key);
        if (found != faces.end()) return found->second;
        FT_Face face = nullptr;
        if (FT_New_Face(library, path.c_str(), index, &face) != 0)
            Fail(BS_NOT_FOUND, "cannot open font face " + std::to_string(index) + " of " + path);
        faces[key] = face;
        return face;
    }
};
thread_local FontCache g_fonts;

std::u32string Utf8ToCodepoints(const char* s) {
    std::u32string out;
    const auto* p = reinterpret_cast<const unsigned char*>(s);
    while (*p != 0) {
        char32_t c = *p;
        int extra = c < 0x80 ? 0 : (c >> 5) == 6 ? 1 : (c >> 4) == 14 ? 2 : (c >> 3) == 30 ? 3 : -1;
        if (extra < 0) Fail(BS_INVALID_ARGUMENT, "text is not valid UTF-8");
        c = extra == 0 ? c : c & (0x3F >> extra);
        ++p;
        for (int i = 0; i < extra; ++i, ++p) {
            if ((*p & 0xC0) != 0x80) Fail(BS_INVALID_ARGUMENT, "text is not valid UTF-8");
            c = (c << 6) | (*p & 0x3F);
        }
        out.push_back(c);
    }
    return out;
}

}  // namespace

extern "C" {

const char* bs_last_error(void) { return g_last_error.c_str(); }

int bs_version(char* buffer, int capacity) {
    return Guard("version", [&] {
        Require(buffer != nullptr && capacity > 0, "no buffer");
        std::string v = "OpenCV " + std::string(CV_VERSION) + "; zxing-cpp " + std::to_string(ZXING_VERSION_MAJOR) + "." +
                        std::to_string(ZXING_VERSION_MINOR) + "." + std::to_string(ZXING_VERSION_PATCH) + "; libtiff " +
                        TiffVersion();
        std::snprintf(buffer, static_cast<size_t>(capacity), "%s", v.c_str());
    });
}

void bs_image_free(bs_image* image) { delete image; }

int bs_image_info(const bs_image* image, int32_t* width, int32_t* height, int32_t* stride, uint8_t** pixels) {
    return Guard("image_info", [&] {
        const cv::Mat& m = MatOf(image);
        *width = m.cols;
        *height = m.rows;
        *stride = static_cast<int32_t>(m.step[0]);
        *pixels = const_cast<uint8_t*>(m.ptr<uint8_t>(0));
    });
}

int bs_image_create(int32_t width, int32_t height, const uint8_t* pixels, int32_t stride, uint8_t fill, bs_image** out) {
    return Guard("image_create", [&] {
        Require(width > 0 && height > 0 && out != nullptr, "width and height must be positive");
        cv::Mat m(height, width, CV_8UC1);
        if (pixels == nullptr) {
            m.setTo(cv::Scalar(fill));
        } else {
            Require(stride >= width, "stride is smaller than the width");
            cv::Mat(height, width, CV_8UC1, const_cast<uint8_t*>(pixels), static_cast<size_t>(stride)).copyTo(m);
        }
        *out = Wrap(std::move(m));
    });
}

int bs_decode(const uint8_t* data, size_t length, int32_t page, bs_image** out) {
    return Guard("decode", [&] {
        Require(data != nullptr && length > 0 && out != nullptr, "no image bytes");
        Require(page >= 0, "page must not be negative");
        if (IsTiff(data, length)) {
            *out = Wrap(DecodeTiffPage(data, length, page));
            return;
        }
        Require(page == 0, "only TIFF files have more than one page");
        cv::Mat encoded(1, static_cast<int>(length), CV_8UC1, const_cast<uint8_t*>(data));
        cv::Mat m = cv::imdecode(encoded, cv::IMREAD_GRAYSCALE);
        if (m.empty()) Fail(BS_DECODE_FAILED, "the image data could not be decoded");
        if (m.depth() != CV_8U) m.convertTo(m, CV_8U, 1.0 / 256);
        *out = Wrap(std::move(m));
    });
}

namespace {

void JpegErrorExit(j_common_ptr info) {
    auto* errors = reinterpret_cast<JpegErrors*>(info->err);
    (*info->err->format_message)(info, errors->message);
    std::longjmp(errors->jump, 1);
}

void JpegSilent(j_common_ptr) {}

// The libjpeg calls of the row decoder, each behind its own setjmp; nothing here owns a C++ object, so jumping out of
// libjpeg skips no destructor. Each returns false when libjpeg failed (the message is in rows->errors.message).
bool JpegOpen(bs_jpeg_rows* rows, const uint8_t* data, size_t length, bool* qualifies) {
    if (setjmp(rows->errors.jump) != 0) return false;
    jpeg_create_decompress(&rows->info);
    rows->created = true;
    jpeg_mem_src(&rows->info, data, static_cast<unsigned long>(length));
    jpeg_save_markers(&rows->info, JPEG_APP0 + 1, 0xFFFF);
    jpeg_read_header(&rows->info, TRUE);
    bool exif = false;
    for (jpeg_saved_marker_ptr m = rows->info.marker_list; m != nullptr; m = m->next) {
        exif = exif || (m->data_length >= 4 && std::memcmp(m->data, "Exif", 4) == 0);
    }
    *qualifies = rows->info.num_components == 1 && rows->info.jpeg_color_space == JCS_GRAYSCALE &&
                 !rows->info.progressive_mode && rows->info.data_precision == 8 && !exif;
    if (!*qualifies) return true;
    rows->info.out_color_space = JCS_GRAYSCALE;
    jpeg_start_decompress(&rows->info);
    return true;
}

bool JpegAdvance(bs_jpeg_rows* rows, JDIMENSION until, bool skip) {
    if (setjmp(rows->errors.jump) != 0) return false;
    jpeg_decompress_struct* info = &rows->info;
    while (info->output_scanline < until) {
        if (skip) {
            // A skipped row holds mid-gray, never whatever the memory held before (another sheet's pixels).
            JDIMENSION from = info->output_scanline;
            jpeg_skip_scanlines(info, until - from);
            if (info->output_scanline > from) {
                std::memset(rows->mat.ptr<uint8_t>(static_cast<int>(from)), 128, (info->output_scanline - from) * rows->mat.step[0]);
            }
            continue;
        }
        JSAMPROW lines[16];
        JDIMENSION count = std::min<JDIMENSION>(16, until - info->output_scanline);
        for (JDIMENSION i = 0; i < count; i++) lines[i] = rows->mat.ptr<uint8_t>(static_cast<int>(info->output_scanline + i));
        if (jpeg_read_scanlines(info, lines, count) == 0) return false;
    }
    return true;
}

}  // namespace

int bs_jpeg_rows_open(const uint8_t* data, size_t length, bs_jpeg_rows** rows, bs_image** image) {
    return Guard("jpeg_rows_open", [&] {
        Require(data != nullptr && length > 0 && rows != nullptr && image != nullptr, "no image bytes");
        *rows = nullptr;
        *image = nullptr;
        std::unique_ptr<bs_jpeg_rows, void (*)(bs_jpeg_rows*)> decoder(new bs_jpeg_rows(), bs_jpeg_rows_free);
        decoder->info.err = jpeg_std_error(&decoder->errors.manager);
        decoder->errors.manager.error_exit = JpegErrorExit;
        decoder->errors.manager.output_message = JpegSilent;
        decoder->errors.message[0] = 0;
        bool qualifies = false;
        bool opened = JpegOpen(decoder.get(), data, length, &qualifies);
        if (!opened) Fail(BS_DECODE_FAILED, std::string("the JPEG data could not be decoded (") + decoder->errors.message + ")");
        if (!qualifies) return;
        decoder->mat.create(static_cast<int>(decoder->info.output_height), static_cast<int>(decoder->info.output_width), CV_8UC1);
        *image = Wrap(decoder->mat);
        *rows = decoder.release();
    });
}

int bs_jpeg_rows_advance(bs_jpeg_rows* rows, int32_t until_row, int32_t skip, int32_t* warnings) {
    return Guard("jpeg_rows_advance", [&] {
        Require(rows != nullptr && warnings != nullptr, "no decoder");
        Require(until_row >= static_cast<int32_t>(rows->info.output_scanline) && until_row <= rows->mat.rows,
                "rows are decoded from the top down, within the image");
        if (!JpegAdvance(rows, static_cast<JDIMENSION>(until_row), skip != 0)) {
            Fail(BS_DECODE_FAILED, std::string("the JPEG data could not be decoded (") + rows->errors.message + ")");
        }
        *warnings = static_cast<int32_t>(rows->errors.manager.num_warnings);
    });
}

void bs_jpeg_rows_free(bs_jpeg_rows* rows) {
    if (rows == nullptr) return;
    if (rows->created) jpeg_destroy_decompress(&rows->info);
    delete rows;
}

int bs_encode(const bs_image* image, int32_t format, int32_t quality, uint8_t** out, size_t* length) {
    return Guard("encode", [&] {
        const cv::Mat& m = MatOf(image);
        Require(out != nullptr && length != nullptr, "no output");
        std::vector<uchar> bytes;
        std::vector<int> params;
        const char* ext = nullptr;
        if (format == 0) {
            ext = ".png";
            params = {cv::IMWRITE_PNG_COMPRESSION, 3};
        } else if (format == 1) {
            Require(quality >= 1 && quality <= 100, "JPEG quality must be 1 to 100");
            ext = ".jpg";
            params = {cv::IMWRITE_JPEG_QUALITY, quality};
        } else {
            Fail(BS_UNSUPPORTED, "unknown encoding format");
        }
        if (!cv::imencode(ext, m, bytes, params)) Fail(BS_INTERNAL, "the encoder refused the image");
        auto* buffer = static_cast<uint8_t*>(std::malloc(bytes.size()));
        if (buffer == nullptr) throw std::bad_alloc();
        std::memcpy(buffer, bytes.data(), bytes.size());
        *out = buffer;
        *length = bytes.size();
    });
}

int bs_encode_tiff(const bs_image* const* pages, int32_t count, int32_t compression, int32_t dpi, uint8_t** out, size_t* length) {
    return Guard("encode_tiff", [&] {
        Require(pages != nullptr && count > 0 && out != nullptr && length != nullptr, "no pages");
        Require(compression >= 0 && compression <= 2, "unknown TIFF compression");
        std::vector<uint8_t> sink;
        MemoryFile file;
        file.sink = &sink;
        {
            TiffPtr tiff = OpenTiff(file, "w");
            for (int32_t p = 0; p < count; ++p) {
                const cv::Mat& m = MatOf(pages[p]);
                const bool bilevel = compression == 2;
                TIFFSetField(tiff.get(), TIFFTAG_IMAGEWIDTH, static_cast<uint32_t>(m.cols));
                TIFFSetField(tiff.get(), TIFFTAG_IMAGELENGTH, static_cast<uint32_t>(m.rows));
                TIFFSetField(tiff.get(), TIFFTAG_SAMPLESPERPIXEL, 1);
                TIFFSetField(tiff.get(), TIFFTAG_BITSPERSAMPLE, bilevel ? 1 : 8);
                TIFFSetField(tiff.get(), TIFFTAG_PLANARCONFIG, PLANARCONFIG_CONTIG);
                TIFFSetField(tiff.get(), TIFFTAG_PHOTOMETRIC, bilevel ? PHOTOMETRIC_MINISWHITE : PHOTOMETRIC_MINISBLACK);
                TIFFSetField(tiff.get(), TIFFTAG_COMPRESSION,
                             bilevel ? COMPRESSION_CCITTFAX4 : compression == 1 ? COMPRESSION_LZW : COMPRESSION_NONE);
                TIFFSetField(tiff.get(), TIFFTAG_ROWSPERSTRIP, bilevel ? static_cast<uint32_t>(m.rows) : 64u);
                TIFFSetField(tiff.get(), TIFFTAG_RESOLUTIONUNIT, RESUNIT_INCH);
                TIFFSetField(tiff.get(), TIFFTAG_XRESOLUTION, static_cast<float>(dpi));
                TIFFSetField(tiff.get(), TIFFTAG_YRESOLUTION, static_cast<float>(dpi));
                if (count > 1) {
                    TIFFSetField(tiff.get(), TIFFTAG_SUBFILETYPE, FILETYPE_PAGE);
                    TIFFSetField(tiff.get(), TIFFTAG_PAGENUMBER, static_cast<uint16_t>(p), static_cast<uint16_t>(count));
                }
                std::vector<uint8_t> line(static_cast<size_t>(bilevel ? (m.cols + 7) / 8 : m.cols));
                for (int y = 0; y < m.rows; ++y) {
                    const uint8_t* row = m.ptr<uint8_t>(y);
                    if (bilevel) {
                        std::fill(line.begin(), line.end(), 0);
                        for (int x = 0; x < m.cols; ++x)
                            if (row[x] < 128) line[static_cast<size_t>(x >> 3)] |= static_cast<uint8_t>(0x80 >> (x & 7));
                    } else {
                        std::memcpy(line.data(), row, line.size());
                    }
                    if (TIFFWriteScanline(tiff.get(), line.data(), static_cast<uint32_t>(y), 0) < 0)
                        Fail(BS_INTERNAL, "TIFF: cannot write: " + g_tiff_error);
                }
                if (!TIFFWriteDirectory(tiff.get())) Fail(BS_INTERNAL, "TIFF: cannot write a page: " + g_tiff_error);
            }
        }
        auto* buffer = static_cast<uint8_t*>(std::malloc(sink.size()));
        if (buffer == nullptr) throw std::bad_alloc();
        std::memcpy(buffer, sink.data(), sink.size());
        *out = buffer;
        *length = sink.size();
    });
}

void bs_buffer_free(uint8_t* buffer) { std::free(buffer); }

int bs_qr_read(const bs_image* image, int32_t x, int32_t y, int32_t width, int32_t height, int32_t try_harder,
               int32_t binarized, int32_t max_symbols, bs_qr_symbol* out, int32_t capacity, int32_t* count) {
    return Guard("qr_read", [&] {
        const cv::Mat& m = MatOf(image);
        Require(count != nullptr && (out != nullptr || capacity == 0), "no output");
        Require(max_symbols >= 0 && max_symbols <= 255, "max_symbols must be 0 (all) to 255");
        cv::Rect roi = cv::Rect(x, y, width, height) & cv::Rect(0, 0, m.cols, m.rows);
        Require(roi.width > 0 && roi.height > 0, "the region lies outside the image");
        const cv::Mat view = m(roi);
        ZXing::ImageView image_view(view.ptr<uint8_t>(0), view.cols, view.rows, ZXing::ImageFormat::Lum, static_cast<int>(view.step[0]));
        ZXing::DecodeHints hints;
        hints.setFormats(ZXing::BarcodeFormat::QRCode);
        hints.setTryHarder(try_harder != 0);
        hints.setTryRotate(true);
        if (binarized != 0) hints.setBinarizer(ZXing::Binarizer::BoolCast);
        if (max_symbols != 0) hints.setMaxNumberOfSymbols(static_cast<uint8_t>(max_symbols));
        ZXing::Results results = ZXing::ReadBarcodes(image_view, hints);
        int32_t n = 0;
        for (const auto& r : results) {
            if (!r.isValid()) continue;
            if (n < capacity) {
                bs_qr_symbol& s = out[n];
                const auto& position = r.position();
                for (int i = 0; i < 4; ++i) {
                    s.x[i] = position[i].x + roi.x;
                    s.y[i] = position[i].y + roi.y;
                }
                s.orientation_degrees = r.orientation();
                std::string text = r.text();
                s.text_length = static_cast<int32_t>(text.size());
                std::snprintf(s.text, sizeof s.text, "%s", text.c_str());
            }
            ++n;
        }
        *count = n;
    });
}

int bs_qr_encode(const char* utf8, int32_t ecc, uint8_t* modules, int32_t capacity, int32_t* size) {
    return Guard("qr_encode", [&] {
        Require(utf8 != nullptr && size != nullptr, "no text");
        Require(ecc >= 0 && ecc <= 3, "error correction must be 0 (L) to 3 (H)");
        ZXing::MultiFormatWriter writer(ZXing::BarcodeFormat::QRCode);
        writer.setEncoding(ZXing::CharacterSet::UTF8).setMargin(0).setEccLevel(ecc * 2 + 1);
        ZXing::BitMatrix matrix = writer.encode(std::string(utf8), 0, 0);
        const int n = matrix.width();
        *size = n;
        if (modules == nullptr || capacity < n * n) Fail(BS_BUFFER_TOO_SMALL, "the module buffer is too small");
        for (int r = 0; r < n; ++r)
            for (int c = 0; c < n; ++c) modules[r * n + c] = matrix.get(c, r) ? 1 : 0;
    });
}

int bs_warp_perspective(const bs_image* image, const double* matrix, int32_t width, int32_t height, int32_t interpolation,
                        uint8_t border, bs_image** out) {
    return Guard("warp_perspective", [&] {
        const cv::Mat& m = MatOf(image);
        Require(matrix != nullptr && width > 0 && height > 0 && out != nullptr, "bad warp arguments");
        cv::Mat h(3, 3, CV_64F, const_cast<double*>(matrix));
        cv::Mat result;
        int flags = interpolation == 0 ? cv::INTER_NEAREST : interpolation == 2 ? cv::INTER_AREA : cv::INTER_LINEAR;
        // An affine matrix (a scanner's rotation, scale and shift) warps about twice as fast without the perspective divide.
        if (matrix[6] == 0.0 && matrix[7] == 0.0 && matrix[8] == 1.0)
            cv::warpAffine(m, result, h.rowRange(0, 2), cv::Size(width, height), flags, cv::BORDER_CONSTANT, cv::Scalar(border));
        else
            cv::warpPerspective(m, result, h, cv::Size(width, height), flags, cv::BORDER_CONSTANT, cv::Scalar(border));
        *out = Wrap(std::move(result));
    });
}

int bs_resize(const bs_image* image, int32_t width, int32_t height, int32_t interpolation, bs_image** out) {
    return Guard("resize", [&] {
        const cv::Mat& m = MatOf(image);
        Require(width > 0 && height > 0 && out != nullptr, "bad size");
        cv::Mat result;
        int flags = interpolation == 0 ? cv::INTER_NEAREST : interpolation == 2 ? cv::INTER_AREA : cv::INTER_LINEAR;
        cv::resize(m, result, cv::Size(width, height), 0, 0, flags);
        *out = Wrap(std::move(result));
    });
}

int bs_threshold_adaptive(const bs_image* image, int32_t block_size, double c, int32_t invert, bs_image** out) {
    return Guard("threshold_adaptive", [&] {
        const cv::Mat& m = MatOf(image);
        Require(block_size >= 3 && block_size % 2 == 1 && out != nullptr, "block size must be odd and at least 3");
        cv::Mat result;
        cv::adaptiveThreshold(m, result, 255, cv::ADAPTIVE_THRESH_MEAN_C, invert != 0 ? cv::THRESH_BINARY_INV : cv::THRESH_BINARY,
                              block_size, c);
        *out = Wrap(std::move(result));
    });
}

int bs_morphology(const bs_image* image, int32_t op, int32_t shape, int32_t kernel_width, int32_t kernel_height, int32_t iterations,
                  bs_image** out) {
    return Guard("morphology", [&] {
        const cv::Mat& m = MatOf(image);
        Require(op >= 0 && op <= 3 && shape >= 0 && shape <= 2, "unknown morphology operation or shape");
        Require(kernel_width > 0 && kernel_height > 0 && iterations > 0 && out != nullptr, "bad kernel");
        static const int ops[] = {cv::MORPH_ERODE, cv::MORPH_DILATE, cv::MORPH_OPEN, cv::MORPH_CLOSE};
        static const int shapes[] = {cv::MORPH_RECT, cv::MORPH_CROSS, cv::MORPH_ELLIPSE};
        cv::Mat kernel = cv::getStructuringElement(shapes[shape], cv::Size(kernel_width, kernel_height));
        cv::Mat result;
        cv::morphologyEx(m, result, ops[op], kernel, cv::Point(-1, -1), iterations, cv::BORDER_CONSTANT, cv::Scalar(0));
        *out = Wrap(std::move(result));
    });
}

int bs_gaussian_blur(const bs_image* image, double sigma, bs_image** out) {
    return Guard("gaussian_blur", [&] {
        const cv::Mat& m = MatOf(image);
        Require(sigma > 0 && out != nullptr, "sigma must be positive");
        cv::Mat result;
        cv::GaussianBlur(m, result, cv::Size(0, 0), sigma, sigma, cv::BORDER_REPLICATE);
        *out = Wrap(std::move(result));
    });
}

int bs_render_text(const char* font_path, int32_t face_index, const char* utf8, int32_t pixel_height, int32_t padding, bs_image** out) {
    return Guard("render_text", [&] {
        Require(font_path != nullptr && utf8 != nullptr && out != nullptr, "no font or text");
        Require(pixel_height >= 4 && pixel_height <= 2000 && padding >= 0, "bad text size");
        FT_Face face = g_fonts.Face(font_path, face_index);
        if (FT_Set_Pixel_Sizes(face, 0, static_cast<FT_UInt>(pixel_height)) != 0) Fail(BS_INTERNAL, "cannot size the font");
        const std::u32string text = Utf8ToCodepoints(utf8);
        const int ascender = static_cast<int>(face->size->metrics.ascender >> 6);
        const int descender = static_cast<int>(-face->size->metrics.descender >> 6);
        const int line_height = std::max(pixel_height, ascender + descender);
        int advance_total = 0;
        for (char32_t c : text) {
            FT_UInt glyph = FT_Get_Char_Index(face, c);
            if (glyph == 0 && c != U' ')
                Fail(BS_NOT_FOUND, "the font has no glyph for U+" + [c] { char b[16]; std::snprintf(b, sizeof b, "%04X", static_cast<unsigned>(c)); return std::string(b); }());
            if (FT_Load_Glyph(face, glyph, FT_LOAD_DEFAULT) != 0) Fail(BS_INTERNAL, "cannot load a glyph");
            advance_total += static_cast<int>(face->glyph->advance.x >> 6);
        }
        cv::Mat canvas(line_height + 2 * padding, std::max(1, advance_total) + 2 * padding, CV_8UC1, cv::Scalar(255));
        int pen_x = padding;
        const int baseline = padding + ascender;
        for (char32_t c : text) {
            FT_UInt glyph = FT_Get_Char_Index(face, c);
            if (FT_Load_Glyph(face, glyph, FT_LOAD_RENDER) != 0) Fail(BS_INTERNAL, "cannot render a glyph");
            const FT_Bitmap& bitmap = face->glyph->bitmap;
            const int left = pen_x + face->glyph->bitmap_left;
            const int top = baseline - face->glyph->bitmap_top;
            for (unsigned r = 0; r < bitmap.rows; ++r) {
                const int yy = top + static_cast<int>(r);
                if (yy < 0 || yy >= canvas.rows) continue;
                uint8_t* row = canvas.ptr<uint8_t>(yy);
                for (unsigned col = 0; col < bitmap.width; ++col) {
                    const int xx = left + static_cast<int>(col);
                    if (xx < 0 || xx >= canvas.cols) continue;
                    const uint8_t coverage = bitmap.buffer[static_cast<int>(r) * bitmap.pitch + static_cast<int>(col)];
                    row[xx] = std::min<uint8_t>(row[xx], static_cast<uint8_t>(255 - coverage));
                }
            }
            pen_x += static_cast<int>(face->glyph->advance.x >> 6);
        }
        *out = Wrap(std::move(canvas));
    });
}

int bs_font_missing_glyph(const char* font_path, int32_t face_index, const char* utf8, int32_t* missing) {
    return Guard("font_missing_glyph", [&] {
        Require(font_path != nullptr && utf8 != nullptr && missing != nullptr, "no font or text");
        FT_Face face = g_fonts.Face(font_path, face_index);
        *missing = 0;
        for (char32_t c : Utf8ToCodepoints(utf8)) {
            if (c != U' ' && FT_Get_Char_Index(face, c) == 0) {
                *missing = static_cast<int32_t>(c);
                return;
            }
        }
    });
}

}  // extern "C"
