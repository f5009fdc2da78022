/* lia-error.h — the error domain of liaison-core
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define LIA_ERROR (lia_error_quark ())

/* Codes a caller can act on; the message is always a sentence for a person. */
typedef enum
{
  LIA_ERROR_FAILED,
  LIA_ERROR_INVALID,          /* bad input: the message says what to fix */
  LIA_ERROR_NOT_FOUND,
  LIA_ERROR_SCHEMA_TOO_NEW,   /* database written by a newer Liaison */
  LIA_ERROR_DATABASE,         /* SQLite failed */
  LIA_ERROR_CONFLICT,         /* revision does not match what is stored */
  LIA_ERROR_PASSPHRASE,       /* wrong passphrase, or none for encrypted data */
} LiaError;

GQuark lia_error_quark (void);

G_END_DECLS
