/* lia-record-private.h — what only LiaStore may change on a record
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lia-record.h"

G_BEGIN_DECLS

void lia_record_set_uuid          (LiaRecord  *self,
                                   const char *uuid);
void lia_record_set_created_at    (LiaRecord  *self,
                                   GDateTime  *created_at);
void lia_record_set_updated_at    (LiaRecord  *self,
                                   GDateTime  *updated_at);
void lia_record_set_revision      (LiaRecord  *self,
                                   gint64      revision);
void lia_record_set_author_device (LiaRecord  *self,
                                   const char *author_device);
void lia_record_set_tombstone     (LiaRecord  *self,
                                   gboolean    tombstone);

G_END_DECLS
