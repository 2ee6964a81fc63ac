/* sample.h - a small header that uses every feature of the binding generator.
 * Golden/sample.g.cs is the expected output; see GoldenFileTests for how to regenerate it.
 */
#ifndef SAMPLE_H
#define SAMPLE_H

#include <stdint.h>

#define SAMPLE_API __attribute__((visibility("default")))
#define SAMPLE_TRIVIAL __attribute__((annotate("itorch:trivial")))

/* A section banner: the blank line below keeps it off the next declaration. */

/* Result codes. */
typedef enum sample_status {
  SAMPLE_OK = 0,
  SAMPLE_FAILED = -1, /* negative values keep their sign */
  /* A comment above a constant,
   * over two lines. */
  SAMPLE_LAST = 0x7fffffff
} sample_status;

/* A number passed by value. */
typedef struct sample_value {
  double real;
  float single;
  int64_t integer;
  uint8_t flags; /* a bit set */
  int32_t base;
  const char* label;
} sample_value;

/* An opaque handle,
 * used only through pointers. */
typedef struct sample_handle sample_handle;

/* Called with `context` when the work is done. */
typedef void (*sample_done_fn)(void* context, int32_t status);

/* An alias resolves to the type it names. */
typedef int32_t sample_index;

// Line comments are copied too.
SAMPLE_API SAMPLE_TRIVIAL int32_t sample_count(const sample_handle* handle);

/* A static UTF-8 string. */
SAMPLE_API const char* sample_name(void);

/* Combines `count` handles into `out`. */
SAMPLE_API int32_t sample_combine(sample_handle* out, const sample_handle* const* handles, sample_index count);

SAMPLE_API sample_value sample_make(double real, int64_t integer, sample_status status);

SAMPLE_API __attribute__((annotate("unrelated"))) void sample_run(sample_handle* handle, sample_done_fn done,
                                                                   void* context, int32_t (*filter)(sample_value));

/* Every fixed-width integer, and parameters without names. */
SAMPLE_API void sample_widths(int8_t, uint8_t, int16_t, uint16_t, uint32_t, uint64_t params, void** object);

#endif /* SAMPLE_H */
