// Edition settings (source/editions/<id>/edition.yaml): what the texts do not say.
import { z } from 'zod';

/** A named envelope window, or a custom one in millimetres from the page's top-left corner. */
export const EnvelopeSetting = z.union(
  [
    z.enum(['us-10', 'din5008-a', 'din5008-b', 'c5-6']),
    z
      .object({
        left: z.number().min(0),
        top: z.number().min(0),
        width: z.number().positive(),
        height: z.number().positive(),
      })
      .strict(),
  ],
  { error: 'us-10, din5008-a, din5008-b, c5-6, or a window in mm like { left: 20, top: 45, width: 85, height: 45 }' },
);
export type EnvelopeSetting = z.infer<typeof EnvelopeSetting>;

const PAGE_MM = { LETTER: { width: 215.9, height: 279.4 }, A4: { width: 210, height: 297 } } as const;

export const EditionSettings = z
  .object({
    association: z
      .object({
        name: z.string().min(1),
        abbreviation: z.string().min(1),
      })
      .strict(),
    title: z.string().min(1).default('Competency Guidelines'),
    subtitle: z.string().min(1).optional(),
    /** Extra line on the cover, e.g. "Level 3 revision". */
    editionLine: z.string().min(1).optional(),
    language: z
      .string()
      .regex(/^[a-z]{2}(-[A-Z]{2})?$/, 'a language tag such as en-US')
      .default('en-US'),
    pageSize: z.enum(['LETTER', 'A4']).default('LETTER'),
    /** The window envelope letters are folded for (compose/envelope.ts); by default us-10 on LETTER, din5008-b on A4. */
    envelope: EnvelopeSetting.optional(),
    twoSided: z.boolean().default(true),
    padToMultipleOf4: z.boolean().default(false),
    /** Crop marks on the print PDF's sheets (off when the print shop adds its own). */
    cropMarks: z.boolean().default(true),
    /** Fixed date written into the files, so rebuilds are byte-identical. */
    publicationDate: z.iso.date(),
    /** Short line in every page footer. */
    copyrightLine: z.string().min(1),
    /** Lines the association adds under MI-AIMH's notice on the copyright page. */
    copyrightExtra: z.array(z.string().min(1)).default([]),
    /** A PNG or JPEG in the edition's folder, printed on the cover. */
    logo: z
      .string()
      .regex(/^[\w.-]+\.(png|jpe?g)$/i, 'a PNG or JPEG file name in the edition folder, like logo.png')
      .optional(),
    coverColor: z
      .string()
      .regex(/^#[0-9a-fA-F]{6}$/, 'a colour like #1f4e79')
      .default('#1f4e79'),
    levels: z.array(z.number().int().min(1).max(4)).min(1).default([1, 2, 3, 4]),
    /** The Endorsement office (packets); where missing, packets leave a blank and the build says so. */
    office: z
      .object({
        name: z.string().min(1),
        address: z.array(z.string().min(1)).min(1),
        phone: z.string().min(1).optional(),
        email: z.string().email().optional(),
      })
      .strict()
      .optional(),
    /** Application fee by level, e.g. { 1: "$50" }: packets print it as written; a number is an amount in `currency`. */
    fees: z
      .record(
        z.enum(['1', '2', '3', '4']),
        z.union([z.string().min(1), z.number().nonnegative()], {
          error: 'a fee as text ("$50") or an amount in currency (50)',
        }),
      )
      .optional(),
    /** ISO 4217 code (EUR, GBP) the fees given as numbers are in; written the edition's language's way. */
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/, 'a currency code such as EUR')
      .optional(),
    applicationDeadline: z.string().min(1).optional(),
    /** Ids of base areas, competencies, sections, maps or glossary entries this edition leaves out. */
    remove: z.array(z.string().min(1)).default([]),
  })
  .strict()
  // A custom window lies on the page (US Letter 215.9 x 279.4 mm, A4 210 x 297 mm).
  .refine(
    (s) =>
      typeof s.envelope !== 'object' ||
      (s.envelope.left + s.envelope.width <= PAGE_MM[s.pageSize].width &&
        s.envelope.top + s.envelope.height <= PAGE_MM[s.pageSize].height),
    {
      message: 'a window inside the page (US Letter 215.9 × 279.4 mm, A4 210 × 297 mm)',
      path: ['envelope'],
    },
  )
  .refine((s) => s.currency || !Object.values(s.fees ?? {}).some((f) => typeof f === 'number'), {
    message: 'a currency such as USD or EUR for the fees given as numbers',
    path: ['currency'],
  });
export type EditionSettings = z.infer<typeof EditionSettings>;
