/* lia-hq-auth.h — secrets of liaison-hq: tokens, enrolment codes, pins
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* 32 random bytes, base64url without padding. */
#define LIA_HQ_TOKEN_LENGTH 43
/* 15 random bytes (120 bits) in base32 (A–Z, 2–7): a person types it, and
 * there is no 0 or 1 to take for O or I. */
#define LIA_HQ_ENROL_SECRET_LENGTH 24
#define LIA_HQ_ENROL_CODE_PREFIX "LIA1-"

char     *lia_hq_auth_new_token          (void);
gboolean  lia_hq_auth_token_is_wellformed (const char   *token);
char     *lia_hq_auth_new_enrol_secret   (void);
char     *lia_hq_auth_parse_enrol_code   (const char   *code);
char     *lia_hq_auth_hash               (const char   *secret);
gboolean  lia_hq_auth_equal              (const char   *a,
                                          const char   *b);
char     *lia_hq_auth_dup_pin            (GTlsCertificate *certificate,
                                          GError      **error);

G_END_DECLS
