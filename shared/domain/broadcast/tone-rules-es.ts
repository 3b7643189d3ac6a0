/**
 * Spanish data for the tone check (merged into tone-rules.ts). Patterns are written for the folded draft:
 * lower case, no accents ("política" → "politica", "mañana" → "manana"), straight apostrophes.
 */
import type { ToneLanguage } from './tone-language';

/** "your": ustedes/usted (su/sus, which also mean his/her/their), tú (tu/tus), vosotros (vuestro…). */
const SU = '(?:su|sus|tu|tus|vuestr[oa]s?)';
/** Imperatives addressed to the audience (ustedes, usted, tú, vosotros). */
const CHECK =
  '(?:revise|revisen|revisa|revisad|compruebe|comprueben|comprueba|comprobad|verifique|verifiquen|verifica|verificad|controle|controlen)';
const RESTART = '(?:reinicie|reinicien|reinicia|reiniciad|actualicen|recarguen)';
/** "Try to / you have to" before an infinitive: the audience is asked to act. */
const ASKED =
  '(?<!\\bno )(?:prueben|pruebe|prueba|intenten|intente|intenta|pueden|puede|deben|debe|tienen que|tiene que|necesitan|les pedimos que|les recomendamos)';
const DEVICE =
  '(?:conexion(?:es)?|altavoz|altavoces|auriculares|cascos|audio|sonido|volumen|navegador|internet|wi-?fi|red|configuracion|ajustes|dispositivo|equipo|ordenador|computadora|microfono)';
const SUPPLIER = '(?:proveedor(?:es)?|plataformas?|partner|socios?|hosting|servidor(?:es)?|distribuidor)';
const NUM = '(?:\\d+|un|una|dos|tres|cinco|diez|quince|veinte|treinta|unos|unas|pocos|pocas)';

export const ES: ToneLanguage = {
  patterns: {
    policy: [
      /\bnuestras? politicas?\b(?! de (?:privacidad|cookies|proteccion de datos))/g,
      /\bpoliticas? (?:de (?:la )?(?:empresa|compania|casa)|interna|corporativa|de nuestra (?:empresa|compania))\b/g,
      /\b(?:segun|por|conforme a) (?:la |las |nuestra |nuestras )?(?:normativa|normas?) (?:internas?|de la (?:empresa|compania))\b/g,
      /\b(?:segun|por) (?:el |nuestro )?reglamento\b/g,
      /\b(?:asi )?son las normas\b/g,
    ],
    contract: [
      new RegExp(
        String.raw`\bno (?:esta |estan |es |son |viene |va |queda )?(?:incluid[oa]s?|cubiert[oa]s?|contemplad[oa]s?|previst[oa]s?) (?:en|por) (?:${SU}|el|la) (?:contrato|plan|suscripcion|tarifa|entrada|acuerdo|paquete)\b`,
        'g',
      ),
      new RegExp(
        String.raw`\b${SU} (?:contrato|plan|suscripcion|tarifa|paquete|entrada) no (?:lo |la |los |las )?(?:incluye|cubre|contempla|preve)\b`,
        'g',
      ),
      new RegExp(
        String.raw`\bno (?:entra|entran|forma parte|forman parte) (?:en|de) ${SU} (?:contrato|plan|suscripcion|tarifa|paquete)\b`,
        'g',
      ),
    ],
    'blame-supplier': [
      /\bno (?:es|fue|ha sido) (?:culpa nuestra|nuestra culpa|culpa de nosotros)\b/g,
      /\bla culpa no es nuestra\b/g,
      new RegExp(
        String.raw`\b(?:la )?culpa (?:es |fue |la tiene |la tienen )?(?:del|de la|de los|de las|de nuestro|de nuestra|de nuestros|el|la|nuestro|nuestra) ${SUPPLIER}\b`,
        'g',
      ),
      new RegExp(String.raw`\b(?:el|nuestro|la|nuestra) ${SUPPLIER} (?:tiene|tuvo) la culpa\b`, 'g'),
      new RegExp(
        String.raw`\bculpa(?: [a-z]+){0,4}? (?:la tiene|la tienen|es del|es de la|es de nuestro|es de nuestra|fue del) (?:(?:el|la|nuestro|nuestra) )?${SUPPLIER}\b`,
        'g',
      ),
      new RegExp(
        String.raw`\b(?:causad[oa] por|(?:lo|la) (?:ha|han) causado) (?:el|la|los|las|nuestro|nuestra) ${SUPPLIER}\b`,
        'g',
      ),
      /\bno depende de nosotros\b/g,
    ],
    'blame-audience': [
      new RegExp(
        String.raw`\b${CHECK} (?:bien |primero |antes )?(?:${SU}|el|la|los|las) (?:propi[oa]s? )?${DEVICE}\b`,
        'g',
      ),
      new RegExp(
        String.raw`\b${RESTART} (?:${SU} |el |la )?(?:pc|ordenador|computadora|navegador|dispositivo|equipo|router|pagina)\b`,
        'g',
      ),
      new RegExp(
        String.raw`\b${ASKED} (?:a )?(?:revisar|comprobar|verificar|reiniciar|actualizar|recargar) (?:${SU}|el|la|los|las)\b`,
        'g',
      ),
      new RegExp(
        String.raw`\b(?:el )?problema (?:es|esta) (?:de|en|del lado de) ${SU} (?:lado|parte|equipo|conexion)\b`,
        'g',
      ),
      /\b(?:el problema es|(?:es|parece|sera) un problema|es problema) (?:suyo|vuestro|tuyo)\b/g,
      new RegExp(String.raw`\b${SU} (?:propia )?(?:conexion(?:es)?|red|wi-?fi|internet|router)\b`, 'g'),
      new RegExp(String.raw`\bde ${SU} lado\b`, 'g'),
    ],
    impulsive: [
      /\bcomo (?:ya )(?:(?:les|os|te|lo|se) )*(?:hemos |he |habiamos |ha )?(?:dijimos|dicho|dije|explicamos|explicado|escribimos|escribi|escrito|comentamos|comentado|mencionamos|mencionado)\b/g,
      /\b(?:dicho|repetido|explicado|escrito) (?:ya )?(?:varias|muchas|mil|cien) veces\b/g,
      /\bcomo (?:ustedes )?(?:obviamente|evidentemente|claramente) (?:pueden|puede|podeis|saben|sabe|ven|ve)\b/g,
      /\b(?:calmense|calmaos|calmate|tranquilicense|tranquilizaos|tranquilizate)\b/g,
      /\bmantengan la calma\b/g,
      /\bpor (?:enesima|milesima|centesima) vez\b/g,
    ],
    boilerplate: [
      /\b(?:las|cualquier|los posibles|las posibles|todo|este|el) (?:molestias?|inconvenientes?)\b/g,
      /\b(?:les|os|le) (?:rogamos|pedimos) (?:un poco de |algo de )?paciencia\b/g,
      /\b(?:tengan|tenga|ten|tened) (?:un poco de )?paciencia\b/g,
      /\bsean pacientes\b/g,
    ],
    alarming: [
      /\b(?:desastres?|catastrofe|pesadilla|caos)\b/g,
      /\b(?:un )?lio (?:tremendo|enorme|total)\b/g,
      /\b(?:se ha roto|esta roto|se rompio) todo\b/g,
    ],
  },
  reassuranceBefore:
    /\b(?:no (?:hace falta|es necesario|necesita|necesitan|necesitais|tiene que|tienen que|teneis que|tiene por que|tienen por que|debe|deben|hay que|hay ninguna necesidad de)|sin (?:necesidad de|que (?:tenga|tengan) que))\b[^.!?\n]*$/,
  reassuranceAfter:
    /^ no (?:es|son|tiene|tienen) (?:el problema|la causa|la culpa|nada que ver)\b|^ (?:va|funciona) bien\b/,
  thirdParty:
    /\b(?:ponentes?|orador(?:a|es)?|presentador(?:a|es)?|moderador(?:a|es)?|invitad[oa]s?|tecnic[oa]s?|conferenciante|ella|companer[oa])\b/,
  time: [
    new RegExp(
      String.raw`\b(?:en|dentro de|antes de) (?:unos |aproximadamente |los proximos |las proximas |menos de |un maximo de )?${NUM} ?(?:segundos?|min(?:uto)?s?|horas?|h|dias?)\b`,
    ),
    /\b(?:en|dentro de) (?:media hora|un rato)\b/,
    /\bproxim[oa]s? (?:actualizacion(?:es)?|novedad(?:es)?|aviso|mensaje|informacion|comunicado)\b/,
    /\bcada \d+ ?min/,
    /\b\d+ ?(?:minutos?|min|horas?)(?= *(?:[.!?)]|$))/,
    /\ba las? \d{1,2}\b/,
    /\b(?:hoy|manana|esta tarde|esta noche|lunes|martes|miercoles|jueves|viernes|sabado|domingo)\b/,
    /\b\d{1,2} de (?:enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre)\b/,
  ],
  resolution:
    /\b(?:resuelt[oa]s?|solucionad[oa]s?|arreglad[oa]s?|restablecid[oa]s?|funcionan? (?:todo )?de nuevo|vuelven? a funcionar|(?:ha|han) vuelto(?! a (?!la normalidad))|(?:esta|estan|estamos) de vuelta|de nuevo en directo|volvemos a estar en directo|normalidad|(?:webinar|sesion|charla|transmision|evento) continua(?! (?:en|a las|dentro)))\b/g,
  unresolved:
    /\b(?:no|sin|nunca|en cuanto|cuando|hasta que|si|antes de que|una vez|casi|en parte|parcialmente)(?: [a-z']+){0,2} $/,
  link: [
    /\b(?:consulte|consulten|consulta|consultad|vea|vean|mire|miren|lea|lean|visite|visiten|abra|abran|siga|sigan|revise|revisen|use|usen) (?:(?:este|esta|el|la|los|las|nuestro|nuestra|nuestros|nuestras|siguiente) )*(?:enlace|link|faq|faqs|preguntas frecuentes|pagina de estado|pagina|articulo|web|sitio|centro de ayuda)\b/g,
    /\b(?:haga|hagan|haz|pulse|pulsen) (?:clic |click )?aqui\b/g,
    /\b(?:mas )?(?:informacion|info|detalles) aqui\b/g,
    /\b(?:encontrara|encontraran|encontrareis|encuentre|encuentren) (?:la |las |nuestra |nuestras )?respuestas? aqui\b/g,
    /\ben este enlace\b/g,
  ],
  text: {
    policy: {
      message: '"Es nuestra política" habla en nombre de la empresa, no a la persona.',
      suggestion: 'Explica qué puedes hacer por ellos ahora mismo y por qué, con palabras sencillas.',
    },
    contract: {
      message: '"No está incluido en su contrato" les dice que están solos.',
      suggestion: 'Di qué haremos por ellos de todos modos y qué alternativas tienen.',
    },
    'link-only': {
      message: 'Un enlace por sí solo no es una respuesta.',
      suggestion:
        'Escribe en el propio mensaje qué ha pasado, qué estamos haciendo y cuándo llega la próxima actualización; añade el enlace para los detalles.',
    },
    'blame-supplier': {
      message: 'Culpar al proveedor suena a excusa: para el público, los organizadores somos nosotros.',
      suggestion: 'Asume la responsabilidad: "Lo sentimos, el problema es nuestro y lo estamos resolviendo."',
    },
    'blame-audience': {
      message: 'Así parece que el problema es del asistente. No ha hecho nada mal.',
      suggestion: 'Tranquilízalos: "El problema es nuestro: no tiene que hacer nada."',
    },
    impulsive: {
      message: 'Suena impaciente o sarcástico: una respuesta impulsiva echa leña al fuego.',
      suggestion: 'Repite los hechos con calma, como si fuera la primera vez: "Así están las cosas: …"',
    },
    boilerplate: {
      message:
        'Las frases hechas ("disculpen las molestias", "tengan paciencia", "ASAP") suenan a carta de formulario y no prometen nada.',
      suggestion: 'Dilo con tus palabras y en concreto: "Perdón por la espera: el audio vuelve en unos 5 minutos."',
    },
    alarming: {
      message: 'Palabras como "desastre" o "pesadilla" alarman al público más que el propio problema.',
      suggestion:
        'Describe el problema con sencillez: "Hemos perdido la señal de vídeo principal y pasamos a la de reserva."',
    },
    shouting: {
      message: 'Las mayúsculas y la puntuación repetida parecen gritos.',
      suggestion: 'Evita escribir en mayúsculas y termina con un solo punto: un texto tranquilo da confianza.',
    },
    vague: {
      message: 'El borrador no dice cuándo volverán a tener noticias nuestras.',
      suggestion: 'Di cuándo llega la próxima actualización: "Próxima actualización en 5 minutos."',
    },
    silence: {
      message: 'El silencio es la peor respuesta: publica ahora un mensaje, aunque todavía no haya solución.',
      suggestion: 'Sabemos que hay un problema y estamos trabajando en ello. Próxima actualización en 5 minutos.',
    },
  },
};
