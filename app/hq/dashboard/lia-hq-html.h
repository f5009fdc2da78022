/* lia-hq-html.h — escaping and small building blocks for the HQ dashboard
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void      lia_hq_html_escape        (GString    *out,
                                     const char *text);
void      lia_hq_html_append        (GString    *out,
                                     const char *format,
                                     ...);
void      lia_hq_html_append_valist (GString    *out,
                                     const char *format,
                                     va_list     args);
gboolean  lia_hq_html_is_arabic     (const char *text);
void      lia_hq_html_append_text   (GString    *out,
                                     const char *element,
                                     const char *css_class,
                                     const char *language,
                                     const char *text);
void      lia_hq_html_csv_field     (GString    *out,
                                     const char *text);

G_END_DECLS
