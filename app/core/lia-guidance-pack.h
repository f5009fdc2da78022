/* lia-guidance-pack.h — the compiled, searchable set of guidance cards
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "lia-guidance-card.h"

G_BEGIN_DECLS

#define LIA_GUIDANCE_PACK_FORMAT   1
#define LIA_GUIDANCE_PACK_FILENAME "guidance.pack"

/* The languages every card is written in, in the order they are offered. */
extern const char * const lia_guidance_languages[];

typedef struct
{
  char   *id;
  char   *lang;
  char   *category;
  char   *title;
  char   *summary;
  char   *status;    /* source, draft or reviewed */
  char   *updated;   /* YYYY-MM-DD */
  char   *snippet;   /* search results only: matches between \x01 and \x02 */
  double  score;     /* search results only: higher is better */
} LiaGuidanceEntry;

void lia_guidance_entry_free (LiaGuidanceEntry *entry);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LiaGuidanceEntry, lia_guidance_entry_free)

#define LIA_TYPE_GUIDANCE_PACK (lia_guidance_pack_get_type ())

G_DECLARE_FINAL_TYPE (LiaGuidancePack, lia_guidance_pack, LIA, GUIDANCE_PACK, GObject)

gboolean         lia_guidance_pack_build               (const char       *source_dir,
                                                        const char       *output_path,
                                                        GError          **error);
LiaGuidancePack *lia_guidance_pack_open                (const char       *path,
                                                        GError          **error);
char            *lia_guidance_pack_get_bundled_path    (void);
LiaGuidancePack *lia_guidance_pack_open_best           (const char       *data_dir,
                                                        GError          **error);
gboolean         lia_guidance_pack_install             (const char       *pack_path,
                                                        const char       *data_dir,
                                                        GError          **error);
const char      *lia_guidance_pack_get_path            (LiaGuidancePack  *self);
gint64           lia_guidance_pack_get_content_version (LiaGuidancePack  *self);
const char      *lia_guidance_pack_get_checksum        (LiaGuidancePack  *self);
GPtrArray       *lia_guidance_pack_list                (LiaGuidancePack  *self,
                                                        const char       *lang,
                                                        GError          **error);
LiaGuidanceEntry *lia_guidance_pack_get_entry          (LiaGuidancePack  *self,
                                                        const char       *id,
                                                        const char       *lang,
                                                        GError          **error);
LiaGuidanceCard *lia_guidance_pack_load_card           (LiaGuidancePack  *self,
                                                        const char       *id,
                                                        const char       *lang,
                                                        GError          **error);
GPtrArray       *lia_guidance_pack_search              (LiaGuidancePack  *self,
                                                        const char       *query,
                                                        const char       *lang,
                                                        guint             limit,
                                                        GError          **error);

G_END_DECLS
