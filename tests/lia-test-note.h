/* lia-test-note.h — a minimal record type for core tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "liaison-core.h"

G_BEGIN_DECLS

#define LIA_TYPE_TEST_NOTE (lia_test_note_get_type ())

G_DECLARE_FINAL_TYPE (LiaTestNote, lia_test_note, LIA, TEST_NOTE, LiaRecord)

LiaTestNote *lia_test_note_new      (const char  *operation,
                                     const char  *text);
const char  *lia_test_note_get_text (LiaTestNote *self);
void         lia_test_note_set_text (LiaTestNote *self,
                                     const char  *text);

G_END_DECLS
