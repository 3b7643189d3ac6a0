/**
 * Spanish data for the tone check (merged into tone-rules.ts). Patterns are written for the folded draft:
 * lower case, no accents ("política" → "politica", "mañana" → "manana"), straight apostrophes.
 */
import type { ToneLanguage } from './tone-language';

/** "your": usted (su/sus), tú (tu/tus), vosotros (vuestro…). */
const SU = '(?:su|sus|tu|tus|vuestr[oa]s?)';
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
        String.raw`\b${SU} (?:contrato|plan|suscripcion|tarifa|paquete) no (?:lo |la |los |las )?(?:incluye|cubre|contempla|preve)\b`,
        'g',
      ),
      new RegExp(
        String.raw`\bno (?:entra|forma parte) (?:en|de) ${SU} (?:contrato|plan|suscripcion|tarifa|paquete)\b`,
        'g',
      ),
      /\bno (?:esta |es )?(?:incluid[oa]|previst[oa]|contemplad[oa]) en el contrato\b/g,
    ],
    'blame-supplier': [
      /\bno (?:es|fue|ha sido) (?:culpa nuestra|nuestra culpa|culpa de nosotros)\b/g,
      /\bla culpa no es nuestra\b/g,
      new RegExp(
        String.raw`\b(?:la )?culpa (?:es |fue |la tiene )?(?:del|de la|de los|de las|de nuestro|de nuestra|de nuestros) ${SUPPLIER}\b`,
        'g',
      ),
      new RegExp(String.raw`\b(?:el|nuestro|la|nuestra) ${SUPPLIER} (?:tiene|tuvo) la culpa\b`, 'g'),
      /\bno depende de nosotros\b/g,
    ],
    'blame-audience': [
      new RegExp(
        String.raw`\b(?:revise|revisen|revisa|revisad|revisar|compruebe|comprueben|comprueba|comprobad|comprobar|verifique|verifiquen|verifica|verificad|verificar|controle|controlen|controlar) (?:bien )?(?:${SU}|el|la|los|las) (?:propi[oa]s? )?${DEVICE}\b`,
        'g',
      ),
      new RegExp(
        String.raw`\b(?:reinicie|reinicien|reinicia|reiniciad|reiniciar) (?:${SU} |el |la )?(?:pc|ordenador|computadora|navegador|dispositivo|equipo|router)\b`,
        'g',
      ),
      new RegExp(
        String.raw`\b(?:el )?problema (?:es|esta) (?:de|en|del lado de) ${SU} (?:lado|parte|equipo|conexion)\b`,
        'g',
      ),
      /\b(?:el problema es|es un problema|es problema) (?:suyo|vuestro|tuyo)\b/g,
      new RegExp(String.raw`\b${SU} (?:propia )?conexion(?:es)?\b`, 'g'),
      new RegExp(String.raw`\bde ${SU} lado\b`, 'g'),
    ],
    impulsive: [
      /\bobviamente\b/g,
      /\bcomo (?:ya )?(?:(?:les|os|te|lo|se) )*(?:hemos |he |habiamos |ha )?(?:dijimos|dicho|dije|explicamos|explicado|escribimos|escrito|comentamos|comentado|mencionamos|mencionado)\b/g,
      /\b(?:calmense|calmaos|calmate|tranquilicense|tranquilizaos|tranquilizate)\b/g,
      /\bmantengan la calma\b/g,
      /\bpor (?:enesima|milesima|centesima) vez\b/g,
    ],
  },
  reassuranceBefore:
    /\b(?:no (?:hace falta|es necesario|necesita|necesitan|necesitais|tiene que|tienen que|teneis que|tiene por que|tienen por que|debe|deben|hay que|hay ninguna necesidad de)|sin (?:necesidad de|que (?:tenga|tengan) que))\b[^.!?\n]*$/,
  reassuranceAfter: /^ no (?:es|son|tiene|tienen) (?:el problema|la causa|la culpa|nada que ver)\b/,
  time: [
    new RegExp(
      String.raw`\b(?:en|dentro de|antes de) (?:unos |aproximadamente |los proximos |las proximas |menos de |un maximo de )?${NUM} ?(?:segundos?|min(?:uto)?s?|horas?|h|dias?)\b`,
    ),
    /\b(?:en|dentro de) (?:media hora|un rato)\b/,
    /\bproxim[oa]s? (?:actualizacion(?:es)?|novedad(?:es)?|aviso|mensaje|informacion|comunicado)\b/,
    /\bcada \d+ ?min/,
    /\ba las? \d{1,2}\b/,
    /\b(?:hoy|manana|esta tarde|esta noche|lunes|martes|miercoles|jueves|viernes|sabado|domingo)\b/,
    /\b\d{1,2} de (?:enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre)\b/,
  ],
  resolution:
    /(?<!\bno (?:(?:esta|estan|se|lo|la|ha|han|hemos|sido|todavia|aun|del todo|completamente) )*)\b(?:resuelt[oa]s?|solucionad[oa]s?|arreglad[oa]s?|restablecid[oa]s?|funciona de nuevo|funcionan de nuevo|vuelve a funcionar|ha vuelto a la normalidad)\b/,
  link: [
    /\b(?:consulte|consulten|consulta|consultad|vea|vean|mire|miren|lea|lean|visite|visiten|abra|abran|siga|sigan|revise|revisen|use|usen) (?:(?:este|esta|el|la|los|las|nuestro|nuestra|nuestros|nuestras|siguiente) )*(?:enlace|link|faq|faqs|preguntas frecuentes|pagina|articulo|web|sitio|centro de ayuda)\b/g,
    /\b(?:haga|hagan|haz|pulse|pulsen) (?:clic |click )?aqui\b/g,
    /\b(?:mas )?(?:informacion|info|detalles) aqui\b/g,
    /\b(?:encontrara|encontraran|encontrareis|encuentre|encuentren) (?:la |las |nuestra |nuestras )?respuestas? aqui\b/g,
    /\ben este enlace\b/g,
  ],
  text: {
    policy: {
      message: '"Es nuestra política" responde a la empresa, no a la persona.',
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
    shouting: {
      message: 'Las mayúsculas y la puntuación repetida parecen gritos.',
      suggestion: 'Escribe en minúsculas y con un solo punto: un texto tranquilo da confianza.',
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
