// The furniture of an edition's language (templates/translations/<language>.yaml): every word that is ours, not the
// association's: part titles, column heads, the web edition's navigation, the packet's boilerplate. In the spirit of
// pandoc's data/translations/*.yaml. Placeholders in braces ({level}, {title}) are filled in by compose/.
import { z } from 'zod';

const Text = z.string().min(1);

/** The packet template's words in another language: any of its texts; form fields by name, log columns in order. */
const FormWords = z
  .object({ title: Text, intro: z.array(Text), labels: z.record(z.string(), Text) })
  .partial()
  .strict();
const LogWords = z
  .object({ title: Text, intro: z.array(Text), columns: z.array(Text) })
  .partial()
  .strict();
export const PacketWords = z
  .object({
    coverTitle: Text,
    letter: z
      .object({ salutation: Text, genericSalutation: Text, paragraphs: z.array(Text).min(1), closing: z.array(Text) })
      .partial()
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
      .partial()
      .strict(),
    officeLabels: z
      .object({ address: Text, phone: Text, email: Text, fee: Text, deadline: Text, missing: Text })
      .partial()
      .strict(),
    forms: z
      .object({
        application: FormWords,
        trainingLog: LogWords,
        workLog: LogWords,
        supervisionLog: LogWords,
        reference: FormWords,
        ethics: FormWords,
      })
      .partial()
      .strict(),
  })
  .partial()
  .strict();
export type PacketWords = z.infer<typeof PacketWords>;

export const Words = z
  .object({
    /** The contents' title (PDF, Word's TOC heading, the web's start page and navigation). */
    contents: Text,
    introduction: Text,
    competencyDetail: Text,
    areaOfExpertise: Text,
    asDemonstratedBy: Text,
    /** "Level {level}: {title}": a level's chapter title and running head. */
    levelHeading: Text,
    /** "Level {level}, {title}": the level in a packet's form fields. */
    levelApplied: Text,
    /** "Level {level}": the cover's levels line for one level. */
    level: Text,
    /** "Levels {first}–{last}" and "Levels {list}" (the list joined with ", "). */
    levelRange: Text,
    levelList: Text,
    impactMap: Text,
    /** The running head of the Endorsement introduction. */
    endorsement: Text,
    /** The logo's alternative text. */
    logo: Text,
    /** The label of a packet's read-only id field (edition, level, roster line, applicant). */
    packetId: Text,
    /** The document's metadata: subject and keywords. */
    subject: Text,
    keywords: Text,
    web: z
      .object({
        skip: Text,
        parts: Text,
        search: Text,
        searchNote: Text,
        searchLabel: Text,
        /** "Search needs JavaScript; the {contents} link to every part.", {contents} being a link saying `contentsLink`. */
        noScript: Text,
        contentsLink: Text,
        section: Text,
        sections: Text,
        downloads: Text,
        downloadPdf: Text,
        downloadDocx: Text,
        downloadPrint: Text,
        /** The Competency Detail table's caption: "{competencyDetail}: {chapter}". */
        detailCaption: Text,
      })
      .strict(),
    /** The packet template's words, where the language is not the template's own (English). */
    packet: PacketWords.optional(),
  })
  .strict();
export type Words = z.infer<typeof Words>;

/** The words without the packet's (what a document tree carries for its writers). */
export type DocumentWords = Omit<Words, 'packet'>;
