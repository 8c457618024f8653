// libvips (Debian's libvips-dev), which makes the image renditions (Sources/ShowroomBuild/Images).
//
// Why wrappers: libvips passes optional arguments as C varargs terminated by NULL, which Swift cannot
// call. Each wrapper below fixes the options we use; they are `static inline`, so they compile into
// the Swift module that imports this one and need no C target of their own.
#include <vips/vips.h>

/// Starts libvips once per process. The operation cache is off: every source is read once per build,
/// and a cache of thousands of photos would only hold memory. One thread per operation, because the
/// build already runs one image per core.
static inline int showroom_vips_start(void) {
    if (VIPS_INIT("showroom")) return -1;
    vips_cache_set_max(0);
    vips_concurrency_set(1);
    return 0;
}

/// Opens an image lazily: the header (size, bands, orientation, interpretation) without decoding pixels.
/// `sequential`: pixels will be read top to bottom once (cheaper); otherwise in any order.
static inline VipsImage *showroom_vips_open(const char *path, int sequential) {
    return vips_image_new_from_file(path, "access", sequential ? VIPS_ACCESS_SEQUENTIAL : VIPS_ACCESS_RANDOM, NULL);
}

/// Decodes `path` and reduces it to fit `width` × `height` (never enlarging), upright by its EXIF
/// orientation and in sRGB (an embedded profile, or CMYK's fallback profile, converted); with `crop`,
/// fills the box and cuts the centre. A truncated file is an error rather than a grey-filled picture.
/// The result is rendered into memory, so encoding it several times decodes the source once.
static inline VipsImage *showroom_vips_thumbnail(const char *path, int width, int height, int crop) {
    VipsImage *lazy = NULL;
    if (vips_thumbnail(path, &lazy, width, "height", height, "size", VIPS_SIZE_DOWN,
                       "crop", crop ? VIPS_INTERESTING_CENTRE : VIPS_INTERESTING_NONE,
                       "fail_on", VIPS_FAIL_ON_TRUNCATED, NULL)) return NULL;
    VipsImage *memory = vips_image_copy_memory(lazy);
    g_object_unref(lazy);
    return memory;
}

/// Encodes `image` in the format and options a suffix names (".webp[Q=80,strip]"); free with `showroom_vips_free`.
static inline int showroom_vips_encode(VipsImage *image, const char *suffix, void **bytes, size_t *length) {
    return vips_image_write_to_buffer(image, suffix, bytes, length, NULL);
}

static inline int showroom_vips_save(VipsImage *image, const char *path) {
    return vips_image_write_to_file(image, path, NULL);
}

/// The pixel at (x, y), up to 4 bands; returns how many bands were read, or -1.
static inline int showroom_vips_pixel(VipsImage *image, int x, int y, double *values) {
    double *vector = NULL;
    int count = 0;
    if (vips_getpoint(image, &vector, &count, x, y, NULL)) return -1;
    for (int band = 0; band < count && band < 4; band++) values[band] = vector[band];
    g_free(vector);
    return count;
}

/// A copy of `image` labelled with another interpretation (e.g. CMYK for four bands).
static inline VipsImage *showroom_vips_interpreted(VipsImage *image, VipsInterpretation interpretation) {
    VipsImage *out = NULL;
    if (vips_copy(image, &out, "interpretation", interpretation, NULL)) return NULL;
    return out;
}

static inline void showroom_vips_free(void *pointer) { g_free(pointer); }
static inline void showroom_vips_release(VipsImage *image) { g_object_unref(image); }

/// libvips' pending error messages, cleared; free with `showroom_vips_free`.
static inline char *showroom_vips_take_error(void) {
    char *message = vips_error_buffer_copy();
    return message;
}
