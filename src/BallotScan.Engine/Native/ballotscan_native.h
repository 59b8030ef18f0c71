/* BallotScan native shim: a thin C ABI over OpenCV 4.6, zxing-cpp 1.4, libtiff and FreeType.
 * SPDX-License-Identifier: AGPL-3.0-or-later
 *
 * Rules of this file: no election logic lives here, only calls into the imaging engines.
 * Every function returns a bs_status; on failure bs_last_error() holds a message for this thread.
 * No C++ exception ever crosses this boundary. */
#ifndef BALLOTSCAN_NATIVE_H
#define BALLOTSCAN_NATIVE_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define BS_API __attribute__((visibility("default")))

typedef enum bs_status {
    BS_OK = 0,
    BS_INVALID_ARGUMENT = 1,
    BS_DECODE_FAILED = 2,
    BS_UNSUPPORTED = 3,
    BS_OUT_OF_MEMORY = 4,
    BS_BUFFER_TOO_SMALL = 5,
    BS_NOT_FOUND = 6,
    BS_INTERNAL = 7
} bs_status;

/* An 8-bit, single-channel image owned by the shim. */
typedef struct bs_image bs_image;

typedef struct bs_qr_symbol {
    int32_t x[4]; /* corners in image coordinates: top-left, top-right, bottom-right, bottom-left of the symbol */
    int32_t y[4];
    int32_t orientation_degrees;
    int32_t text_length; /* bytes of UTF-8 text; may exceed the buffer, then text is cut */
    char text[1024];
} bs_qr_symbol;

BS_API const char* bs_last_error(void);
BS_API int bs_version(char* buffer, int capacity);

BS_API void bs_image_free(bs_image* image);
BS_API int bs_image_info(const bs_image* image, int32_t* width, int32_t* height, int32_t* stride, uint8_t** pixels);
BS_API int bs_image_create(int32_t width, int32_t height, const uint8_t* pixels, int32_t stride, uint8_t fill, bs_image** out);

/* Decoding: PNG, JPEG and BMP through OpenCV; TIFF (every page, every compression including CCITT G4) through libtiff. */
BS_API int bs_decode(const uint8_t* data, size_t length, int32_t page, bs_image** out);

/* A grayscale JPEG decoded row by row, from the top, into an image of its full size: the caller decodes the rows it needs
   and skips the others (skipped rows are entropy-decoded, so the file is still read and checked to its end, but never
   turned into pixels; they are filled with mid-gray, 128). Only a baseline JPEG of one component without an EXIF block
   qualifies (pixel for pixel what bs_decode gives for its rows): for any other file *rows is NULL and the call succeeds,
   and the caller decodes it with bs_decode. The data must stay in place until bs_jpeg_rows_free. */
typedef struct bs_jpeg_rows bs_jpeg_rows;
BS_API int bs_jpeg_rows_open(const uint8_t* data, size_t length, bs_jpeg_rows** rows, bs_image** image);
/* Decodes (skip 0) or skips (skip 1) the rows from the next one up to until_row. *warnings: libjpeg's warnings so far
   (damaged data it went on from). */
BS_API int bs_jpeg_rows_advance(bs_jpeg_rows* rows, int32_t until_row, int32_t skip, int32_t* warnings);
BS_API void bs_jpeg_rows_free(bs_jpeg_rows* rows);

/* Encoding. format: 0 PNG, 1 JPEG (quality 1..100). TIFF: compression 0 none, 1 LZW, 2 CCITT G4 (pages thresholded at 128). */
BS_API int bs_encode(const bs_image* image, int32_t format, int32_t quality, uint8_t** out, size_t* length);
BS_API int bs_encode_tiff(const bs_image* const* pages, int32_t count, int32_t compression, int32_t dpi, uint8_t** out, size_t* length);
BS_API void bs_buffer_free(uint8_t* buffer);

/* QR codes inside a region of interest; corner points come back in whole-image coordinates. binarized: the image is
   already black (0) and white (255) and is read as it is, without zxing's own binarizer. max_symbols: stop after this
   many codes (0: all). */
BS_API int bs_qr_read(const bs_image* image, int32_t x, int32_t y, int32_t width, int32_t height, int32_t try_harder,
                      int32_t binarized, int32_t max_symbols, bs_qr_symbol* out, int32_t capacity, int32_t* count);
/* The module matrix of a QR code (1 = dark), row-major, without quiet zone. ecc: 0 L, 1 M, 2 Q, 3 H. */
BS_API int bs_qr_encode(const char* utf8, int32_t ecc, uint8_t* modules, int32_t capacity, int32_t* size);

/* Geometry and pixels. matrix maps source to destination (row-major 3x3). interpolation: 0 nearest, 1 linear, 2 area. */
BS_API int bs_warp_perspective(const bs_image* image, const double* matrix, int32_t width, int32_t height, int32_t interpolation,
                               uint8_t border, bs_image** out);
BS_API int bs_resize(const bs_image* image, int32_t width, int32_t height, int32_t interpolation, bs_image** out);
BS_API int bs_threshold_adaptive(const bs_image* image, int32_t block_size, double c, int32_t invert, bs_image** out);
/* op: 0 erode, 1 dilate, 2 open, 3 close. shape: 0 rectangle, 1 cross, 2 ellipse. */
BS_API int bs_morphology(const bs_image* image, int32_t op, int32_t shape, int32_t kernel_width, int32_t kernel_height,
                         int32_t iterations, bs_image** out);
BS_API int bs_gaussian_blur(const bs_image* image, double sigma, bs_image** out);

/* Text rendered with a TrueType/OpenType face (FreeType): black on white, tightly cropped plus padding. */
BS_API int bs_render_text(const char* font_path, int32_t face_index, const char* utf8, int32_t pixel_height, int32_t padding,
                          bs_image** out);

/* The first code point of utf8 the face has no glyph for, in *missing; 0 when it has them all. Spaces are skipped. */
BS_API int bs_font_missing_glyph(const char* font_path, int32_t face_index, const char* utf8, int32_t* missing);

#ifdef __cplusplus
}
#endif
#endif
