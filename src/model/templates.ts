// Staff-editable packet template (templates/packet.yaml): boilerplate and form layouts.
import { z } from 'zod';

const Text = z.string().min(1);
const FieldSpec = z
  .object({
    name: z.string().regex(/^[a-z][a-z0-9_]*$/, 'a field name like first_name'),
    label: Text,
    kind: z.enum(['text', 'multiline', 'checkbox', 'date', 'signature']).default('text'),
    width: z.number().positive().max(1),
    /** A returned packet without it is listed as incomplete (collect:packets). */
    required: z.boolean().default(false),
  })
  .strict();
const FormSpec = z
  .object({ title: Text, intro: z.array(Text).default([]), rows: z.array(z.array(FieldSpec).min(1)).min(1) })
  .strict();
const LogSpec = z
  .object({
    title: Text,
    intro: z.array(Text).default([]),
    columns: z.array(z.object({ label: Text, width: z.number().positive().max(1) }).strict()).min(1),
    rows: z.number().int().min(1).max(40),
  })
  .strict();

export const PacketTemplate = z
  .object({
    coverTitle: Text,
    letter: z
      .object({ salutation: Text, genericSalutation: Text, paragraphs: z.array(Text).min(1), closing: z.array(Text) })
      .strict(),
    headings: z
      .object({
        applying: Text,
        process: Text,
        requirements: Text,
        portfolio: Text,
        exam: Text,
        continuing: Text,
        office: Text,
        forms: Text,
      })
      .strict(),
    officeLabels: z
      .object({ address: Text, phone: Text, email: Text, fee: Text, deadline: Text, missing: Text })
      .strict(),
    forms: z
      .object({
        application: FormSpec,
        trainingLog: LogSpec,
        workLog: LogSpec,
        supervisionLog: LogSpec,
        reference: FormSpec,
        ethics: FormSpec,
      })
      .strict(),
  })
  .strict();
export type PacketTemplate = z.infer<typeof PacketTemplate>;
export type FormSpec = z.infer<typeof FormSpec>;
export type LogSpec = z.infer<typeof LogSpec>;
