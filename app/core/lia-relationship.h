/* lia-relationship.h — a directed, typed link between two actors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lia-actor-types.h"
#include "lia-record.h"
#include "lia-store.h"

G_BEGIN_DECLS

#define LIA_TYPE_RELATIONSHIP (lia_relationship_get_type ())

G_DECLARE_FINAL_TYPE (LiaRelationship, lia_relationship, LIA, RELATIONSHIP, LiaRecord)

/* Weights are strengths from 0 (none) to 1 (as strong as it gets).  A
 * Net-Map interview scores links 1 to 5: divide by 5.  A link nobody
 * weighed counts as medium. */
#define LIA_RELATIONSHIP_DEFAULT_WEIGHT 0.5

LiaRelationship     *lia_relationship_new               (const char          *operation,
                                                         const char          *source_uuid,
                                                         const char          *target_uuid,
                                                         LiaRelationshipType  type);

const char          *lia_relationship_get_source_uuid   (LiaRelationship     *self);
void                 lia_relationship_set_source_uuid   (LiaRelationship     *self,
                                                         const char          *uuid);
const char          *lia_relationship_get_target_uuid   (LiaRelationship     *self);
void                 lia_relationship_set_target_uuid   (LiaRelationship     *self,
                                                         const char          *uuid);
LiaRelationshipType  lia_relationship_get_relationship_type (LiaRelationship *self);
void                 lia_relationship_set_relationship_type (LiaRelationship *self,
                                                         LiaRelationshipType  type);
double               lia_relationship_get_weight        (LiaRelationship     *self);
void                 lia_relationship_set_weight        (LiaRelationship     *self,
                                                         double               weight);
const GDate         *lia_relationship_get_start_date    (LiaRelationship     *self);
void                 lia_relationship_set_start_date    (LiaRelationship     *self,
                                                         const GDate         *date);
const GDate         *lia_relationship_get_end_date      (LiaRelationship     *self);
void                 lia_relationship_set_end_date      (LiaRelationship     *self,
                                                         const GDate         *date);
gboolean             lia_relationship_is_active_on      (LiaRelationship     *self,
                                                         const GDate         *date);
const char          *lia_relationship_get_source        (LiaRelationship     *self);
void                 lia_relationship_set_source        (LiaRelationship     *self,
                                                         const char          *source);
LiaConfidence        lia_relationship_get_confidence    (LiaRelationship     *self);
void                 lia_relationship_set_confidence    (LiaRelationship     *self,
                                                         LiaConfidence        confidence);

/* Evidence from event data: how many events, first and last. */
guint                lia_relationship_get_event_count   (LiaRelationship     *self);
const GDate         *lia_relationship_get_first_event   (LiaRelationship     *self);
const GDate         *lia_relationship_get_last_event    (LiaRelationship     *self);
void                 lia_relationship_set_evidence      (LiaRelationship     *self,
                                                         guint                event_count,
                                                         const GDate         *first_event,
                                                         const GDate         *last_event);

gboolean             lia_relationship_validate          (LiaRelationship     *self,
                                                         LiaStore            *store,
                                                         GError             **error);

G_END_DECLS
