import { z } from 'zod';
import { addNote, NOTE_MAX } from '@/lib/cases/add-note';
import { validatedMutation } from '@/lib/http/mutation';

export const dynamic = 'force-dynamic';

const schema = z.object({ body: z.string().trim().min(1, 'a note cannot be empty').max(NOTE_MAX) });

export const POST = validatedMutation(schema, 'work_cases', ({ sqlite, input, principal, params }) => {
  const note = addNote(sqlite, { caseId: params.id, body: input.body, user: principal.user });
  return { note: { id: note.id, author: note.author, body: note.body, at: new Date(note.at).toISOString() } };
});
