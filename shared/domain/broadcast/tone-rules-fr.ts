/**
 * French data for the tone check (merged into tone-rules.ts). Patterns are written for the folded draft:
 * lower case, no accents ("vérifiez" → "verifiez", "côté" → "cote"), straight apostrophes ("n’est" → "n'est").
 */
import type { ToneLanguage } from './tone-language';

/** "your": vous (votre/vos), tu (ton/ta/tes). */
const VOTRE = '(?:votre|vos|ton|ta|tes)';
const DEVICE =
  '(?:connexion|haut-parleurs?|hauts-parleurs|enceintes?|casques?|ecouteurs|audio|son|volume|navigateur|internet|wi-?fi|reseau|box|reglages|parametres|appareil|ordinateur|micro(?:phone)?)';
const SUPPLIER = '(?:fournisseurs?|plateformes?|prestataires?|partenaires?|hebergeurs?|diffuseurs?)';
const NUM = '(?:\\d+|une?|deux|trois|cinq|dix|quinze|vingt|trente|quelques)';
const LINKWORD =
  "(?:lien|faq|faqs|foire aux questions|page d'etat|page de statut|page|article|site|centre d'aide|aide en ligne)";

export const FR: ToneLanguage = {
  patterns: {
    policy: [
      /\bnotre politique\b(?! (?:de (?:confidentialite|cookies|protection des donnees)|tarifaire))/g,
      /\bpolitique (?:de (?:l'entreprise|la societe|la maison|notre (?:entreprise|societe))|d'entreprise|interne|maison)\b/g,
      /\bnos (?:politiques|regles internes|procedures internes)\b/g,
      /\b(?:selon|conformement a|d'apres) (?:notre |nos |le |la )?(?:politique|reglement interne|reglement)\b/g,
      /\b(?:c'est|ce sont) (?:le reglement|les regles|la regle|notre regle)\b/g,
    ],
    contract: [
      new RegExp(
        String.raw`\b(?:pas|non) (?:prevu|inclus|compris|couvert)e?s? (?:dans|par) (?:${VOTRE} |le |l')(?:contrat|abonnement|offre|forfait|billet)\b`,
        'g',
      ),
      new RegExp(
        String.raw`\b${VOTRE} (?:contrat|abonnement|offre|forfait) ne (?:le |la |les )?(?:couvre|comprend|prevoit|inclut) pas\b`,
        'g',
      ),
      new RegExp(
        String.raw`\bne fai(?:t|sait) pas partie (?:de ${VOTRE}|du|de l') ?(?:contrat|abonnement|offre|forfait)\b`,
        'g',
      ),
      /\bhors (?:contrat|forfait)\b/g,
    ],
    'blame-supplier': [
      /\bpas (?:de )?notre faute\b/g,
      /\bla faute n'est pas (?:la )?notre\b/g,
      new RegExp(
        String.raw`\b(?:la )?faute (?:du|de la|des|de notre|de nos|a notre|au|a la|de l') ?${SUPPLIER}\b`,
        'g',
      ),
      new RegExp(String.raw`\b(?:le|notre|la) ${SUPPLIER} (?:est|etait) (?:en faute|fautif|fautive)\b`, 'g'),
      /\bne depend pas de nous\b/g,
      /\bnous n'y (?:sommes|pouvons) (?:pour )?rien\b/g,
      new RegExp(String.raw`\b(?:causee?s? par|provoquee?s? par) (?:le |la |les |notre |nos |l')${SUPPLIER}\b`, 'g'),
    ],
    'blame-audience': [
      new RegExp(
        String.raw`\b(?:verifiez|controlez|testez|regardez) (?:bien |d'abord |aussi |donc )?(?:${VOTRE} |la |le |les |l')(?:propre )?${DEVICE}\b`,
        'g',
      ),
      new RegExp(
        String.raw`\b(?:verifie|controle|teste) (?:bien |d'abord )?(?:ton|ta|tes) (?:propre )?${DEVICE}\b`,
        'g',
      ),
      new RegExp(
        String.raw`\b(?:redemarrez|relancez|rebootez|actualisez|rafraichissez) (?:${VOTRE} |le |la |l')(?:pc|ordinateur|navigateur|appareil|box|routeur|page)\b`,
        'g',
      ),
      new RegExp(
        String.raw`\b(?:essayez de|veuillez|merci de|pensez a|vous devez|il faut|pouvez-vous) (?:verifier|controler|tester|redemarrer|relancer|actualiser|rafraichir) (?:${VOTRE} |la |le |les |l')`,
        'g',
      ),
      new RegExp(
        String.raw`\b(?:mettez|mets) a jour (?:${VOTRE} |le |la |l')(?:navigateur|application|appli|lecteur|ordinateur)\b`,
        'g',
      ),
      new RegExp(
        String.raw`\b(?:le |un )?probleme (?:(?:vient|est|se situe) )?(?:de chez vous|chez vous|de votre cote|de ton cote|de votre part|de ta part)\b`,
        'g',
      ),
      /\bc'est (?:de )?(?:votre|ton) (?:probleme|faute)\b/g,
      /\b(?:votre|ta) (?:propre )?(?:connexion|reseau|wi-?fi|box|bande passante)\b/g,
    ],
    impulsive: [
      /\bcomme (?:(?:nous|je|on) (?:vous |te )?(?:l')?(?:avons|ai|a) )?(?:deja |plusieurs fois |maintes fois )(?:dit|explique|ecrit|mentionne|repete|indique|precise)\b/g,
      /\bcomme (?:nous|je|on) (?:vous |te )?(?:l')?(?:avons|ai|a) (?:explique|repete)\b/g,
      /\b(?:dit|repete|explique|ecrit) (?:deja )?(?:plusieurs|maintes|cent|mille|dix) fois\b/g,
      /\bcomme (?:vous|tu) (?:le )?(?:voyez|savez|vois|sais) (?:evidemment|bien|forcement)\b/g,
      /\bcomme (?:vous|tu) (?:pouvez|peux) (?:evidemment|bien) (?:le )?(?:voir|constater)\b/g,
      /\b(?:calmez-? ?vous|calme-? ?toi|du calme|restez calmes?)\b/g,
      /\bpour la (?:e?nn?ieme|centieme|millieme) fois\b/g,
    ],
    boilerplate: [
      /\b(?:la )?gene occasionnee\b/g,
      /\b(?:tout|ce|le|les|ces|du|des) desagrements?\b/g,
      /\b(?:merci de|veuillez|nous vous prions de|on vous demande de) patienter\b/g,
      /\bsoyez patients?\b/g,
    ],
    alarming: [/\b(?:desastre|catastrophe|cauchemar|chaos|fiasco|la cata)\b/g, /\btout est (?:casse|mort|en vrac)\b/g],
  },
  reassuranceBefore:
    /\b(?:inutile de|pas besoin de|nul besoin de|n'(?:avez|as) pas (?:besoin de|a)|n'(?:avez|as) rien a|sans (?:avoir a|besoin de)|(?:il )?n'est pas (?:necessaire|utile) de|pas la peine de|ne (?:devez|dois) pas)\b[^.!?\n]*$/,
  reassuranceAfter:
    /^ (?:n'est|ne sont|n'y est|n'y sont) (?:pas|pour rien)(?: (?:en cause|le probleme|responsables?|la cause|concernee?s?))?\b|^ (?:fonctionne|fonctionnent) (?:tres )?bien\b/,
  time: [
    new RegExp(
      String.raw`\b(?:dans|d'ici|en moins de) (?:environ |les prochaines |moins de |a peu pres |un maximum de )?${NUM} ?(?:secondes?|sec|min(?:ute)?s?|heures?|h|jours?)\b`,
    ),
    /\bsous \d+ ?(?:secondes?|min(?:ute)?s?|heures?|h|jours?)\b/,
    /\b(?:dans|d'ici) une demi-heure\b/,
    /\bprochaine? (?:mise a jour|mises a jour|point|message|information|annonce|communication|nouvelles?)\b/,
    /\btoutes les \d+ ?min/,
    /\b\d+ ?(?:minutes?|min|heures?)(?= *(?:[.!?)]|$))/,
    /\b\d{1,2} ?h(?: ?\d{2})?\b/,
    /\b(?:aujourd'hui|demain|ce soir|ce matin|cet apres-midi|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\b/,
    /\b\d{1,2}(?:er)? (?:janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre)\b/,
  ],
  resolution:
    /\b(?:resolue?s?|retablie?s?|regle(?<!\b(?:la|les|une|des|de|aux) regle)e?s?|reparee?s?|(?:fonctionnen?t?|marchen?t?) (?:a nouveau|de nouveau)|remarchen?t?|de retour(?! (?:dans|d'ici|a \d))|(?:est|sont) revenue?s?|de nouveau en direct|revenue? a la normale|on reprend|(?:webinaire|session|conference|diffusion|direct) (?:reprend|continue)(?! (?:dans|a \d|d'ici)))\b/g,
  unresolved:
    /\b(?:pas|non|jamais|plus|des que|quand|lorsque|jusqu'a ce que|si|avant que|une fois|presque|en partie|partiellement|mal)(?: [a-z']+){0,2} $/,
  thirdParty:
    /\b(?:intervenante?s?|orat(?:eur|rice)s?|animat(?:eur|rice)s?|moderat(?:eur|rice)s?|invitee?s?|technicien(?:ne)?s?|conferencier(?:e)?s?|collegue|elle)\b/,
  link: [
    new RegExp(
      String.raw`\b(?:voir|voyez|consultez|consulte|consulter|lisez|lire|visitez|suivez|ouvrez|utilisez|regardez|rendez-vous sur) (?:(?:ce|cet|cette|le|la|les|notre|nos|l') ?)*${LINKWORD}\b`,
      'g',
    ),
    /\b(?:cliquez|cliquer|clique) ici\b/g,
    /\b(?:plus d')?(?:infos?|informations|details) ici\b/g,
    /\b(?:vous )?trouverez (?:la |les |notre |nos )?reponses? ici\b/g,
    /\b(?:a|via|sur|par) ce lien\b/g,
  ],
  text: {
    policy: {
      message: "« C'est notre politique » répond pour l'entreprise, pas à la personne.",
      suggestion: 'Expliquez simplement ce que vous pouvez faire pour eux tout de suite, et pourquoi.',
    },
    contract: {
      message: "« Ce n'est pas prévu dans votre contrat » leur dit qu'ils sont livrés à eux-mêmes.",
      suggestion: 'Dites ce que nous ferons quand même pour eux et quelles sont les alternatives.',
    },
    'link-only': {
      message: "Un lien seul n'est pas une réponse.",
      suggestion:
        "Dites dans le message lui-même ce qui s'est passé, ce que nous faisons et quand arrive la prochaine mise à jour ; ajoutez le lien pour les détails.",
    },
    'blame-supplier': {
      message:
        "Rejeter la faute sur le fournisseur sonne comme une excuse : pour le public, l'organisateur, c'est nous.",
      suggestion:
        'Assumez la responsabilité : « Nous sommes désolés, le problème vient de chez nous et nous le réglons. »',
    },
    'blame-audience': {
      message: "On dirait que le problème vient du participant. Il n'a rien fait de mal.",
      suggestion: "Rassurez-les : « Le problème vient de chez nous, vous n'avez rien à faire. »",
    },
    impulsive: {
      message: "Cela sonne impatient ou sarcastique : une réponse impulsive jette de l'huile sur le feu.",
      suggestion: "Reprenez les faits calmement, comme si c'était la première fois : « Voici où nous en sommes : … »",
    },
    boilerplate: {
      message:
        'Les formules toutes faites (« nous nous excusons pour la gêne occasionnée », « merci de patienter », « ASAP ») sonnent comme une lettre type et ne promettent rien.',
      suggestion:
        "Dites-le avec vos mots, concrètement : « Pardon pour l'attente : le son revient dans 5 minutes environ. »",
    },
    alarming: {
      message: 'Des mots comme « désastre » ou « cauchemar » inquiètent le public plus que le problème lui-même.',
      suggestion:
        'Décrivez le problème simplement : « Nous avons perdu le signal vidéo principal et passons sur le signal de secours. »',
    },
    shouting: {
      message: "Les majuscules et la ponctuation répétée donnent l'impression de crier.",
      suggestion: "Évitez d'écrire en majuscules et terminez par un seul point : un texte calme rassure.",
    },
    vague: {
      message: 'Le brouillon ne dit pas quand ils auront de nos nouvelles.',
      suggestion: 'Dites quand arrive la prochaine mise à jour : « Prochaine mise à jour dans 5 minutes. »',
    },
    silence: {
      message: 'Le silence est la pire des réponses : publiez un message maintenant, même sans solution.',
      suggestion: 'Nous sommes au courant du problème et nous y travaillons. Prochaine mise à jour dans 5 minutes.',
    },
  },
};
