/* lia-test-note.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "lia-test-note.h"

struct _LiaTestNote
{
  LiaRecord  parent_instance;
  char      *text;
};

G_DEFINE_FINAL_TYPE (LiaTestNote, lia_test_note, LIA_TYPE_RECORD)

static void
lia_test_note_serialize (LiaRecord   *record,
                         JsonBuilder *builder)
{
  LiaTestNote *self = LIA_TEST_NOTE (record);

  json_builder_set_member_name (builder, "text");
  json_builder_add_string_value (builder, self->text);
}

static gboolean
lia_test_note_deserialize (LiaRecord   *record,
                           JsonObject  *body,
                           GError     **error)
{
  lia_test_note_set_text (LIA_TEST_NOTE (record),
                          json_object_get_string_member_with_default (body, "text", NULL));
  return TRUE;
}

static void
lia_test_note_finalize (GObject *object)
{
  g_free (LIA_TEST_NOTE (object)->text);

  G_OBJECT_CLASS (lia_test_note_parent_class)->finalize (object);
}

static void
lia_test_note_class_init (LiaTestNoteClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  LiaRecordClass *record_class = LIA_RECORD_CLASS (klass);

  object_class->finalize = lia_test_note_finalize;
  record_class->record_type = "test-note";
  record_class->serialize = lia_test_note_serialize;
  record_class->deserialize = lia_test_note_deserialize;
}

static void
lia_test_note_init (LiaTestNote *self)
{
}

LiaTestNote *
lia_test_note_new (const char *operation,
                   const char *text)
{
  LiaTestNote *self = g_object_new (LIA_TYPE_TEST_NOTE, "operation", operation, NULL);

  lia_test_note_set_text (self, text);
  return self;
}

const char *
lia_test_note_get_text (LiaTestNote *self)
{
  return self->text;
}

void
lia_test_note_set_text (LiaTestNote *self,
                        const char  *text)
{
  g_free (self->text);
  self->text = g_strdup (text);
}
