/**
 * The 5-4-3-2-1 grounding steps for a hard moment in a session: one sense at a time, counting
 * down. Shared by the server (which sends them with the clinic's number) and the session screen
 * (which shows them even with no connection at all).
 */
export type GroundingStep = {
  count: number;
  sense: 'see' | 'touch' | 'hear' | 'smell' | 'taste';
  prompt: string;
};

export const groundingSteps: GroundingStep[] = [
  {
    count: 5,
    sense: 'see',
    prompt: 'Name five things you can see, or, eyes closed, five shapes or colours you remember.',
  },
  {
    count: 4,
    sense: 'touch',
    prompt: 'Notice four things you can feel: the blanket, your hands, the chair, your feet.',
  },
  { count: 3, sense: 'hear', prompt: 'Listen for three sounds, near or far.' },
  { count: 2, sense: 'smell', prompt: 'Find two things you can smell, or two smells you like.' },
  { count: 1, sense: 'taste', prompt: 'Notice one thing you can taste, or take a small sip of water.' },
];
