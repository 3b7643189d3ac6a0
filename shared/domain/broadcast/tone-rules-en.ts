/**
 * English data for the tone check (merged into tone-rules.ts). Patterns are written for the folded draft:
 * lower case, no accents, straight apostrophes.
 */
import type { ToneLanguage } from './tone-language';

const YOUR = '(?:your|ur)';
const DEVICE =
  '(?:speakers?|audio|sound|headphones|headset|volume|internet|connection|network|wi-?fi|browser|settings|device|computer|pc|laptop|microphone|mic)';
const SUPPLIER = '(?:supplier|provider|vendor|platform|partner|host|hosting)';
const NUM = '(?:\\d+|one|two|three|five|ten|fifteen|twenty|thirty|a few|half an)';

export const EN: ToneLanguage = {
  patterns: {
    policy: [
      /\b(?:our|company|corporate|company's) polic(?:y|ies)\b/g,
      /\bit'?s (?:the )?policy\b/g,
      /\b(?:the )?policy (?:says|states|does ?n'?o?t allow|forbids)\b/g,
      /\b(?:as per|per|under) (?:our |the )?(?:rules|regulations|policy|policies)\b/g,
    ],
    contract: [
      new RegExp(
        String.raw`(?:\bnot|n't) (?:included |covered |foreseen )?(?:in|by) ${YOUR} (?:contract|plan|subscription|agreement|ticket|package)\b`,
        'g',
      ),
      new RegExp(
        String.raw`\b${YOUR} (?:contract|plan|subscription|agreement|ticket|package) (?:does ?n'?o?t|does not|won'?t|will not) (?:cover|include)\b`,
        'g',
      ),
      /\bnot (?:part of|covered by|included in) the (?:contract|agreement|plan)\b/g,
    ],
    'blame-supplier': [
      /\b(?:it'?s |it is |this is |that'?s )?not our fault\b/g,
      new RegExp(String.raw`\b(?:the |our )?${SUPPLIER} (?:messed|screwed) up\b`, 'g'),
      /\bnot (?:on )?us\b(?=[.!,;]|$)/g,
      new RegExp(String.raw`\b(?:the |our )?${SUPPLIER}(?: company)?'?s? fault\b`, 'g'),
      new RegExp(String.raw`\bfault of (?:the|our) ${SUPPLIER}\b`, 'g'),
      new RegExp(String.raw`\b(?:blame|caused by) (?:it on )?(?:the |our )?${SUPPLIER}\b`, 'g'),
      new RegExp(
        String.raw`\b${SUPPLIER} (?:is|are|was|were) (?:to blame|at fault|responsible for (?:this|the))\b`,
        'g',
      ),
    ],
    'blame-audience': [
      new RegExp(
        String.raw`\b${YOUR} (?:own )?(?:(?:internet |network |wi-?fi )?connection|network|wi-?fi|router|bandwidth)\b`,
        'g',
      ),
      new RegExp(String.raw`\b(?:check|test|make sure|ensure) ${YOUR} (?:own )?${DEVICE}\b`, 'g'),
      new RegExp(
        String.raw`\b(?:restart|reboot|refresh|update) ${YOUR} (?:pc|computer|browser|device|laptop|app|router)\b`,
        'g',
      ),
      new RegExp(String.raw`\b(?:on|at|from) ${YOUR} (?:side|end)\b`, 'g'),
      /\b(?:a |an )?(?:problem|issue) (?:on|at) (?:your|ur) (?:side|end)\b/g,
      /\b(?:it'?s|that'?s|this is) your (?:problem|fault)\b/g,
    ],
    impulsive: [
      /\bas (?:we|i)(?: have| had|'ve)? (?:already|repeatedly) (?:said|told you|mentioned|explained|wrote|written)\b/g,
      /\bas (?:we|i)(?: have|'ve)? told you\b/g,
      /\b(?:said|told you|mentioned|explained|written) (?:it )?(?:twice|three times|(?:several|many|multiple|a dozen|a hundred) times)\b/g,
      /\bas you (?:can )?(?:obviously|clearly) (?:see|know|tell)\b/g,
      /\bobviously(?: if)? you\b/g,
      /\b(?:calm down|chill out)\b/g,
      /\brelax[,.!]/g,
      /\bfor the (?:last|hundredth|umpteenth|nth|tenth) time\b/g,
    ],
    boilerplate: [/\b(?:any|the|this) inconvenience\b/g, /\b(?:please )?be patient\b/g, /\basap\b/g],
    alarming: [
      /\b(?:total|complete|absolute|utter) (?:disaster|mess|chaos|catastrophe|shambles|meltdown)\b/g,
      /\b(?:disaster|catastrophe|nightmare|chaos|meltdown)\b(?! recovery)/g,
      /\beverything (?:is|'s|has) (?:broken|dead|gone|crashed)\b/g,
    ],
  },
  reassuranceBefore:
    /\b(?:no need to|don'?t need to|do not need to|there is no need|you don'?t have to|you do not have to|nothing you need to|no action (?:is )?needed|nothing to do)\b[^.!?\n]*$/,
  reassuranceAfter: /^ (?:is|are|works?) (?:fine|ok|okay|not the (?:problem|issue|cause))\b/,
  thirdParty: /\b(?:speaker|presenter|host|moderator|panell?ists?|guests?|technician|engineer|he|she)\b/,
  time: [
    new RegExp(
      String.raw`\b(?:in|within) (?:about |around |the next |less than )?${NUM} ?(?:seconds?|secs?|min(?:ute)?s?|hours?|hrs?|h|days?)\b`,
    ),
    /\b\d{1,2}[:.]\d{2}\b/,
    /\b\d{1,2} ?(?:am|pm)\b/,
    /\bnext update\b/,
    // A bare duration closing a clause: "…waking it up now, 2 minutes.", "give us 10 minutes."
    /\b\d+ ?(?:min(?:ute)?s?|hours?|hrs?)(?= *(?:[.!?)]|$))/,
    /\bevery \d+ ?min/,
    /\b(?:today|tomorrow|tonight|this (?:afternoon|evening|morning))\b/,
    /\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b/,
    /\{\{\s*(?:newTime|nextUpdateMinutes)\s*\}\}/,
    /\b\d{1,2} (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b/,
    /\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]* \d{1,2}\b/,
  ],
  resolution:
    /\b(?:resolved|fixed|back to normal|restored|working again|works again|live again|up again|(?:is|are|'s|'re) (?:now )?back(?! (?:in|at|within|by|soon|shortly|on|to))|(?:session|webinar|event|talk|keynote|presentation|stream) continues)\b/g,
  unresolved:
    /(?:\b(?:not|never|no longer|as soon as|once|when|until|till|if|before|will be|to be|get(?:s|ting)?|almost|nearly|partly|partially)|n't)(?: [a-z']+){0,2} $/,
  link: [
    /\b(?:please )?(?:see|check|read|visit|follow|use|open)(?: out)? (?:this|the|our)? ?(?:link|faq|faqs|page|article|help centre|help center|status page)\b/g,
    /\b(?:find|read) (?:the |our )?(?:answer|answers|info|information|details) (?:here|at|on)\b/g,
    /\b(?:more )?(?:info|information|details) here\b/g,
    /\bclick here\b/g,
    /\b(?:at|via) this link\b/g,
  ],
  text: {
    policy: {
      message: '"It\'s our policy" speaks for the company, not to the person.',
      suggestion: 'Explain what you can do for them right now and why, in plain words.',
    },
    contract: {
      message: '"Not in your contract" tells them they are on their own.',
      suggestion: 'Say what you will do for them anyway, and what the options are.',
    },
    'link-only': {
      message: 'A link on its own is not an answer.',
      suggestion:
        'Say in the message itself what happened, what we are doing and when the next update comes; add the link for details.',
    },
    'blame-supplier': {
      message: 'Blaming a supplier sounds like an excuse: to the audience, we are the organiser.',
      suggestion: 'Take responsibility: "We are sorry, the problem is on our side and we are fixing it."',
    },
    'blame-audience': {
      message: "This suggests the problem is the attendee's. They did nothing wrong.",
      suggestion: 'Reassure them: "The problem is on our side: there is nothing you need to do."',
    },
    impulsive: {
      message: 'This reads as impatient or sarcastic: an impulsive answer pours petrol on the fire.',
      suggestion: 'Restate the facts calmly, as if for the first time: "Here is where we are: …"',
    },
    boilerplate: {
      message:
        'Stock phrases ("we apologise for any inconvenience", "please be patient", "ASAP") read like a form letter and promise nothing.',
      suggestion:
        'Say it in your own words, and be concrete: "Sorry for the wait: the sound is back in about 5 minutes."',
    },
    alarming: {
      message: 'Words like "disaster" or "nightmare" alarm the audience more than the problem does.',
      suggestion: 'Describe the problem plainly: "We lost the main video feed and are switching to the backup."',
    },
    shouting: {
      message: 'Capitals and repeated punctuation read as shouting.',
      suggestion: 'Avoid writing in capitals and end with one full stop: calm text reassures.',
    },
    vague: {
      message: 'The draft does not say when they will hear from us again.',
      suggestion: 'Say when the next update comes: "Next update in 5 minutes."',
    },
    silence: {
      message: 'Silence is the worst answer: post an acknowledgement now, even without a fix.',
      suggestion: 'We know about the problem and are working on it. Next update in 5 minutes.',
    },
  },
};
