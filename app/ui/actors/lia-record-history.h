/* lia-record-history.h — undo and redo for records written from the UI
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "liaison-core.h"

G_BEGIN_DECLS

#define LIA_TYPE_RECORD_HISTORY (lia_record_history_get_type ())

G_DECLARE_FINAL_TYPE (LiaRecordHistory, lia_record_history, LIA, RECORD_HISTORY, GObject)

LiaRecordHistory *lia_record_history_new      (LiaStore          *store);
LiaStore         *lia_record_history_get_store (LiaRecordHistory *self);
gboolean          lia_record_history_save     (LiaRecordHistory  *self,
                                               LiaRecord * const *records,
                                               guint              n_records,
                                               GError           **error);
gboolean          lia_record_history_delete   (LiaRecordHistory  *self,
                                               LiaRecord * const *records,
                                               guint              n_records,
                                               GError           **error);
gboolean          lia_record_history_get_can_undo (LiaRecordHistory *self);
gboolean          lia_record_history_get_can_redo (LiaRecordHistory *self);
gboolean          lia_record_history_undo     (LiaRecordHistory  *self,
                                               GError           **error);
gboolean          lia_record_history_redo     (LiaRecordHistory  *self,
                                               GError           **error);

LiaRecord        *lia_record_dup              (LiaRecord         *record);

G_END_DECLS
