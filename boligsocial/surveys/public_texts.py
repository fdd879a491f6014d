"""The few texts of the public answering pages, per language (the questions themselves come from
the guide, which holds a text per language). Danish and English are ours; the Arabic, Somali
and Turkish texts are demo translations to be checked by a native speaker (decision 0032)."""

TEXTS = {
    "da": {
        "title": "Beboerundersøgelse", "page": "Side {n} af {total}", "next": "Gem og gå videre",
        "back": "Tilbage", "send": "Send mine svar", "language": "Sprog",
        "intro": "Dine svar er anonyme: de gemmes uden dit navn og din adresse, og ingen kan se, "
                 "hvad netop din husstand har svaret. Du kan springe spørgsmål over.",
        "saved": "Dine svar er gemt. Du kan fortsætte senere med samme link eller kode.",
        "thanks": "Tak for dine svar!",
        "change": "Du kan ændre dine svar med samme link eller kode, indtil undersøgelsen lukker "
                  "den {date}.",
        "invalid_title": "Linket eller koden virker ikke",
        "invalid": "Linket eller koden er forkert, eller undersøgelsen er lukket. Tjek koden i "
                   "brevet, eller kontakt din boligorganisation.",
        "code_title": "Skriv din kode", "code_label": "Koden fra brevet",
        "code_hint": "10 tegn, fx K7QMP-3RXWA. Store og små bogstaver er lige gode.",
        "code_button": "Gå til undersøgelsen", "optional": "kan springes over",
        "error": "Der er en fejl i dine svar",
    },
    "en": {
        "title": "Resident survey", "page": "Page {n} of {total}", "next": "Save and continue",
        "back": "Back", "send": "Send my answers", "language": "Language",
        "intro": "Your answers are anonymous: they are stored without your name and address, and "
                 "nobody can see what your household answered. You may skip questions.",
        "saved": "Your answers are saved. You can continue later with the same link or code.",
        "thanks": "Thank you for your answers!",
        "change": "You can change your answers with the same link or code until the survey "
                  "closes on {date}.",
        "invalid_title": "The link or code does not work",
        "invalid": "The link or code is wrong, or the survey has closed. Check the code in the "
                   "letter or contact your housing organisation.",
        "code_title": "Type your code", "code_label": "The code in your letter",
        "code_hint": "10 characters, e.g. K7QMP-3RXWA. Upper or lower case.",
        "code_button": "Go to the survey", "optional": "optional",
        "error": "There is an error in your answers",
    },
    "ar": {
        "title": "استبيان السكان", "page": "الصفحة {n} من {total}", "next": "حفظ ومتابعة",
        "back": "رجوع", "send": "أرسل إجاباتي", "language": "اللغة",
        "intro": "إجاباتك مجهولة الهوية: تُحفظ بدون اسمك وعنوانك، ولا يستطيع أحد أن يرى ما "
                 "أجابت به أسرتك. يمكنك تخطي الأسئلة.",
        "saved": "تم حفظ إجاباتك. يمكنك المتابعة لاحقًا بنفس الرابط أو الرمز.",
        "thanks": "شكرًا على إجاباتك!",
        "change": "يمكنك تغيير إجاباتك بنفس الرابط أو الرمز حتى يُغلق الاستبيان في {date}.",
        "invalid_title": "الرابط أو الرمز لا يعمل",
        "invalid": "الرابط أو الرمز غير صحيح، أو أن الاستبيان قد أُغلق. تحقق من الرمز في "
                   "الرسالة أو اتصل بجمعية الإسكان.",
        "code_title": "اكتب رمزك", "code_label": "الرمز الموجود في الرسالة",
        "code_hint": "10 أحرف، مثل K7QMP-3RXWA.", "code_button": "انتقل إلى الاستبيان",
        "optional": "اختياري", "error": "يوجد خطأ في إجاباتك",
    },
    "so": {
        "title": "Sahan dadka deggan", "page": "Bogga {n} ee {total}", "next": "Kaydi oo sii wad",
        "back": "Dib u noqo", "send": "Dir jawaabahayga", "language": "Luqadda",
        "intro": "Jawaabahaagu waa qarsoodi: waxaa lagu kaydiyaa magacaaga iyo "
                 "cinwaankaaga la'aan. "
                 "Su'aalaha waad ka boodi kartaa.",
        "saved": "Jawaabahaaga waa la kaydiyay.",
        "thanks": "Waad ku mahadsan tahay jawaabahaaga!",
        "change": "Jawaabahaaga waad beddeli kartaa ilaa {date}.",
        "invalid_title": "Linkiga ama koodhka ma shaqeynayo",
        "invalid": "Linkiga ama koodhka waa khalad, ama sahanka waa la xiray.",
        "code_title": "Qor koodhkaaga", "code_label": "Koodhka warqadda ku qoran",
        "code_hint": "10 xaraf, tusaale K7QMP-3RXWA.", "code_button": "U gudub sahanka",
        "optional": "ikhtiyaari", "error": "Jawaabahaaga khalad ayaa ku jira",
    },
    "tr": {
        "title": "Sakin anketi", "page": "Sayfa {n} / {total}", "next": "Kaydet ve devam et",
        "back": "Geri", "send": "Yanıtlarımı gönder", "language": "Dil",
        "intro": "Yanıtlarınız anonimdir: adınız ve adresiniz olmadan saklanır. Soruları "
                 "atlayabilirsiniz.",
        "saved": "Yanıtlarınız kaydedildi.", "thanks": "Yanıtlarınız için teşekkürler!",
        "change": "Yanıtlarınızı anket {date} tarihinde kapanana kadar değiştirebilirsiniz.",
        "invalid_title": "Bağlantı veya kod çalışmıyor",
        "invalid": "Bağlantı veya kod yanlış ya da anket kapandı.",
        "code_title": "Kodunuzu yazın", "code_label": "Mektuptaki kod",
        "code_hint": "10 karakter, örneğin K7QMP-3RXWA.", "code_button": "Ankete git",
        "optional": "isteğe bağlı", "error": "Yanıtlarınızda bir hata var",
    },
}  # fmt: skip

NAMES = {"da": "Dansk", "en": "English", "ar": "العربية", "so": "Soomaali", "tr": "Türkçe"}


def texts(language: str) -> dict:
    return {**TEXTS["da"], **TEXTS.get(language, {})}
